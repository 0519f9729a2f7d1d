#include "app.hpp"

int main(int argc, char** argv) {
    return gover::cli::run(argc, argv);
}
