// pins.cpp: the pins `outdated` judges (the one that selects here, then the global pin when it
// is another), and the version each stands for.
#include <gtest/gtest.h>

#include "gover/currency/pins.hpp"
#include "support/selection_fixture.hpp"

namespace gover {
namespace {

using test::SelectionTest;
using CurrencyPins = SelectionTest;

std::vector<std::string> sources(const Result<std::vector<Selection>>& pins) {
    std::vector<std::string> out;
    EXPECT_TRUE(pins) << (pins ? "" : pins.error().message);
    for (const auto& pin : pins.value_or(std::vector<Selection>{})) {
        out.push_back(pin.version_text() + " " + pin.source.describe());
    }
    return out;
}

TEST_F(CurrencyPins, ThePinHereThenTheGlobalOne) {
    write(project / ".tool-versions", "golang 1.22.5 1.21.0\n");
    write(home / "global", "1.24.6\n");
    const std::string here = (project / ".tool-versions").string();
    const std::string global = (home / "global").string();
    EXPECT_EQ(sources(pins_here_and_global(env_at(project / "a"))),
              (std::vector<std::string>{"1.22.5 " + here + ":1", "1.24.6 " + global}));
    // GOVER_VERSION wins here; the global pin is still judged.
    SelectionEnv env = env_at(project);
    env.gover_version = "1.25.1";
    EXPECT_EQ(sources(pins_here_and_global(env)),
              (std::vector<std::string>{"1.25.1 GOVER_VERSION", "1.24.6 " + global}));
}

TEST_F(CurrencyPins, TheGlobalPinOnceWhenItIsTheOneThatSelects) {
    write(home / "global", "1.24.6\n");
    EXPECT_EQ(sources(pins_here_and_global(env_at(project))),
              (std::vector<std::string>{"1.24.6 " + (home / "global").string()}));
}

TEST_F(CurrencyPins, AModuleMinimumWithoutAGlobalPin) {
    write(project / "go.mod", "module m\n\ngo 1.24.0\n");
    install("1.24.7");
    const auto pins = pins_here_and_global(env_at(project));
    EXPECT_EQ(sources(pins),
              (std::vector<std::string>{"1.24.7 " + (project / "go.mod").string() + ":3"}));
    // A minimum stands for what runs; not installed, for itself.
    EXPECT_EQ(judged_version(pins->front()).str(), "1.24.7");
    Selection missing = pins->front();
    missing.version.reset();
    EXPECT_EQ(judged_version(missing).str(), "1.24.0");
}

TEST_F(CurrencyPins, NothingPinnedAndBrokenPinsAreErrors) {
    EXPECT_EQ(pins_here_and_global(env_at(project)).error().code, ErrorCode::no_pin);
    EXPECT_EQ(global_pin(env_at(project)).error().code, ErrorCode::no_pin);
    write(project / ".go-version", "1.22.5\n");
    write(home / "global", "not-a-version\n");
    const auto broken = pins_here_and_global(env_at(project));
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().code, ErrorCode::bad_pin);
    EXPECT_NE(broken.error().message.find((home / "global").string() + ":1"), std::string::npos)
        << broken.error().message;
}

} // namespace
} // namespace gover
