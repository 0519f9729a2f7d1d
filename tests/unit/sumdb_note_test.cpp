// Signed notes and verifier keys, checked against the published examples of Go's
// golang.org/x/mod/sumdb/note package (keys, signatures and texts are its test vectors).
#include "gover/sumdb/signed_note.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "gover/sumdb/base64.hpp"
#include "gover/sumdb/verifier_key.hpp"

namespace gover::sumdb {
namespace {

const std::string k_peter_key =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const std::string k_enoch_key = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const std::string k_text = "If you think cryptography is the answer to your problem,\n"
                           "then you don't know what your problem is.\n";
const std::string k_peter_sig =
    "\xE2\x80\x94 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZI"
    "nNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const std::string k_enoch_sig =
    "\xE2\x80\x94 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n"
    "2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

VerifierKey key(const std::string& text) {
    auto parsed = parse_verifier_key(text);
    EXPECT_TRUE(parsed.has_value()) << text << ": " << parsed.error().message;
    return parsed.value_or(VerifierKey{});
}

TEST(SumdbBase64, RoundTripsAndRejectsMalformed) {
    for (const std::string text : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
        const std::vector<std::uint8_t> bytes(text.begin(), text.end());
        const auto encoded = base64_encode(bytes);
        const auto decoded = base64_decode(encoded);
        ASSERT_TRUE(decoded) << encoded;
        EXPECT_EQ(*decoded, bytes);
    }
    EXPECT_EQ(base64_encode(std::vector<std::uint8_t>{'f', 'o', 'o', 'b'}), "Zm9vYg==");
    for (const char* bad : {"Zm9", "Zm9vYg=", "Zm9v=g==", "====", "Zm9v\nYg==", "Zm-v", "A==="}) {
        EXPECT_FALSE(base64_decode(bad)) << bad;
    }
}

TEST(SumdbVerifierKey, ParsesPublishedKeys) {
    const auto peter = key(k_peter_key);
    EXPECT_EQ(peter.name, "PeterNeumann");
    EXPECT_EQ(peter.hash, 0xc74f20a3u);
    const auto go = key(std::string(k_sum_golang_org_key));
    EXPECT_EQ(go.name, "sum.golang.org");
    EXPECT_EQ(go.hash, 0x033de0aeu);
}

TEST(SumdbVerifierKey, RejectsEveryManglingOfAKey) {
    for (std::size_t i = 0; i <= k_peter_key.size(); ++i) {
        for (std::size_t j = i + 1; j <= k_peter_key.size(); ++j) {
            if (i != 0 || j != k_peter_key.size()) {
                EXPECT_FALSE(parse_verifier_key(k_peter_key.substr(i, j - i)))
                    << k_peter_key.substr(i, j - i);
            }
        }
    }
    for (std::size_t i = 0; i < k_peter_key.size(); ++i) {
        std::string changed = k_peter_key;
        ++changed[i];
        EXPECT_FALSE(parse_verifier_key(changed)) << changed;
    }
}

TEST(SumdbVerifierKey, NamesWhatIsWrong) {
    // Wrong length with an adjusted key hash; unknown algorithm with an adjusted key hash.
    const auto long_key = parse_verifier_key(
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==");
    ASSERT_FALSE(long_key);
    EXPECT_NE(long_key.error().message.find("32 bytes"), std::string::npos)
        << long_key.error().message;
    const auto algorithm =
        parse_verifier_key("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    ASSERT_FALSE(algorithm);
    EXPECT_NE(algorithm.error().message.find("unknown signature algorithm"), std::string::npos);
    const auto hash =
        parse_verifier_key("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    ASSERT_FALSE(hash);
    EXPECT_NE(hash.error().message.find("key hash"), std::string::npos);
    EXPECT_EQ(hash.error().code, ErrorCode::usage);
}

TEST(SumdbGosumdb, KnownNamesKeysAndUrls) {
    auto go = parse_gosumdb("sum.golang.org");
    ASSERT_TRUE(go);
    EXPECT_EQ(go->key.name, "sum.golang.org");
    EXPECT_EQ(go->url, "https://sum.golang.org");
    auto cn = parse_gosumdb("sum.golang.google.cn");
    ASSERT_TRUE(cn);
    EXPECT_EQ(cn->key.name, "sum.golang.org");
    EXPECT_EQ(cn->key.hash, 0x033de0aeu);
    EXPECT_EQ(cn->url, "https://sum.golang.google.cn");
    auto own = parse_gosumdb(k_peter_key + " http://127.0.0.1:8080/db/");
    ASSERT_TRUE(own);
    EXPECT_EQ(own->key.name, "PeterNeumann");
    EXPECT_EQ(own->url, "http://127.0.0.1:8080/db");
    auto own_default = parse_gosumdb(k_peter_key);
    ASSERT_TRUE(own_default);
    EXPECT_EQ(own_default->url, "https://PeterNeumann");
    for (const char* bad : {"off", "", "sum.example.com", "a b c"}) {
        const auto result = parse_gosumdb(bad);
        ASSERT_FALSE(result) << bad;
        EXPECT_EQ(result.error().code, ErrorCode::usage);
        EXPECT_NE(result.error().message.find("GOSUMDB"), std::string::npos)
            << result.error().message;
    }
}

TEST(SumdbNote, OpensWithOneOrBothKeys) {
    const std::vector<VerifierKey> peter{key(k_peter_key)};
    const auto one = open_note(k_text + "\n" + k_peter_sig + k_enoch_sig, peter, "test");
    ASSERT_TRUE(one) << one.error().message;
    EXPECT_EQ(one->text, k_text);
    ASSERT_EQ(one->verified.size(), 1u);
    EXPECT_EQ(one->verified[0].name, "PeterNeumann");
    EXPECT_EQ(one->verified[0].hash, 0xc74f20a3u);
    ASSERT_EQ(one->unverified.size(), 1u);
    EXPECT_EQ(one->unverified[0].name, "EnochRoot");
    EXPECT_EQ(one->unverified[0].hash, 0xaf0cfe78u);

    const std::vector<VerifierKey> both{key(k_peter_key), key(k_enoch_key)};
    const auto two = open_note(k_text + "\n" + k_peter_sig + k_enoch_sig, both, "test");
    ASSERT_TRUE(two) << two.error().message;
    EXPECT_EQ(two->verified.size(), 2u);
    EXPECT_TRUE(two->unverified.empty());
}

TEST(SumdbNote, NoKnownSignatureIsAnErrorNamingTheSigners) {
    const auto none = open_note(k_text + "\n" + k_peter_sig + k_enoch_sig, {}, "https://db/latest");
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, ErrorCode::checksum);
    EXPECT_NE(none.error().message.find("PeterNeumann+c74f20a3, EnochRoot+af0cfe78"),
              std::string::npos)
        << none.error().message;
    EXPECT_NE(none.error().message.find("https://db/latest"), std::string::npos);
}

TEST(SumdbNote, RepeatedSignaturesAndLimits) {
    const std::vector<VerifierKey> peter{key(k_peter_key)};
    std::string corrupt_enoch = k_enoch_sig;
    corrupt_enoch.insert(60, "ABCD");
    const auto repeated = open_note(k_text + "\n" + k_peter_sig + k_peter_sig + k_enoch_sig +
                                        k_enoch_sig + corrupt_enoch,
                                    peter, "test");
    ASSERT_TRUE(repeated) << repeated.error().message;
    EXPECT_EQ(repeated->verified.size(), 1u);
    EXPECT_EQ(repeated->unverified.size(), 2u);

    std::string many = k_text + "\n";
    for (int i = 0; i < 101; ++i) {
        many += k_peter_sig;
    }
    const auto too_many = open_note(many, peter, "test");
    ASSERT_FALSE(too_many);
    EXPECT_NE(too_many.error().message.find("more than 100"), std::string::npos);
}

TEST(SumdbNote, BadSignatureByAKnownKey) {
    const std::vector<VerifierKey> peter{key(k_peter_key)};
    std::string corrupt = k_peter_sig;
    corrupt.insert(60, "ABCD");
    const auto result = open_note(k_text + "\n" + corrupt, peter, "https://db/latest");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::checksum);
    EXPECT_NE(result.error().message.find("invalid signature by PeterNeumann+c74f20a3"),
              std::string::npos)
        << result.error().message;

    std::string other_text = k_text;
    other_text[0] = 'i';
    EXPECT_FALSE(open_note(other_text + "\n" + k_peter_sig, peter, "test"));
}

TEST(SumdbNote, MalformedNotes) {
    const std::vector<VerifierKey> peter{key(k_peter_key)};
    const std::vector<std::string> bad{
        k_text,
        k_text + "\n",
        k_text + "\n" + k_peter_sig.substr(0, k_peter_sig.size() - 1),
        "\x01" + k_text + "\n" + k_peter_sig,
        "\xff" + k_text + "\n" + k_peter_sig,
        k_text + "\n" +
            "\xE2\x80\x94 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1F"
            "FYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        k_text + "\n" + k_peter_sig + "Unexpected line.\n",
    };
    for (const auto& message : bad) {
        const auto result = open_note(message, peter, "test");
        ASSERT_FALSE(result) << message;
        EXPECT_NE(result.error().message.find("malformed signed note from test"), std::string::npos)
            << result.error().message;
    }
}

} // namespace
} // namespace gover::sumdb
