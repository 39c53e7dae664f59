// Bad arguments give a Status whose message names the argument and says what
// was expected; nothing is written.
#include <limits>
#include <sstream>

#include "helpers.hpp"
#include "jumok/text.hpp"
#include "jumok/validate.hpp"

namespace jumok::test {
namespace {

using testing::HasSubstr;

struct Call {
  AttentionShape shape{1, 2, 3, 4, 5};
  std::vector<float> queries = std::vector<float>(30, 0.5f), keys = std::vector<float>(40, 0.5f),
                     values = std::vector<float>(40, 0.5f), output = std::vector<float>(30, -7.f);
  std::vector<std::int32_t> keyLengths;

  std::string error() {
    Workspace workspace;
    const Status status = attention(shape, {span(queries), span(keys), span(values), span(keyLengths), false},
                                    {writable(output), {}}, workspace);
    return status.message();
  }
};

TEST(Validate, GoodCallHasNoError) { EXPECT_EQ(Call().error(), ""); }

TEST(Validate, NonPositiveSizes) {
  Call call;
  call.shape.heads = 0;
  EXPECT_THAT(call.error(), HasSubstr("heads must be a positive integer up to 2147483647, got 0"));
  call.shape.heads = 2, call.shape.headDim = -3;
  EXPECT_THAT(call.error(), HasSubstr("headDim must be a positive integer"));
}

TEST(Validate, SizesFromJavaScriptNumbersPrintInFull) {
  EXPECT_EQ(checkDimension("batch", 2147483648.0).message(),
            "batch must be a positive integer up to 2147483647, got 2147483648");
  EXPECT_EQ(checkDimension("heads", -std::numeric_limits<double>::infinity()).message(),
            "heads must be a positive integer up to 2147483647, got -Infinity");
  EXPECT_EQ(checkDimension("headDim", 2.5).message(), "headDim must be a positive integer up to 2147483647, got 2.5");
}

TEST(Validate, WrongLengthNamesTheArgumentAndTheShape) {
  Call call;
  call.keys.pop_back();
  EXPECT_EQ(call.error(), "keys has 39 values, expected 40 for [batch,heads,keyLength,headDim] = [1,2,4,5]");
}

TEST(Validate, MissingInput) {
  Call call;
  call.values.clear();
  EXPECT_THAT(call.error(), HasSubstr("values is missing, expected 40 values"));
}

TEST(Validate, NonFiniteInputsAndNothingWritten) {
  Call call;
  call.queries[7] = std::nanf("");
  EXPECT_EQ(call.error(), "queries[7] is NaN, expected a finite number");
  call.queries[7] = 0, call.values[3] = -INFINITY;
  EXPECT_EQ(call.error(), "values[3] is -Infinity, expected a finite number");
  EXPECT_EQ(call.output, std::vector<float>(30, -7.f));
}

TEST(Validate, KeyLengths) {
  Call call;
  call.keyLengths = {1, 2};
  EXPECT_THAT(call.error(), HasSubstr("keyLengths has 2 entries, expected one per batch row (batch = 1)"));
  call.keyLengths = {5};
  EXPECT_THAT(call.error(), HasSubstr("keyLengths[0] = 5 is out of range, expected 0 to keyLength = 4"));
  call.keyLengths = {-1};
  EXPECT_THAT(call.error(), HasSubstr("keyLengths[0] = -1 is out of range"));
}

TEST(Validate, HugeSizesDoNotWrapAround) {
  Call call;
  call.shape = {1 << 30, 1 << 30, 1 << 30, 1 << 30, 1 << 30};
  EXPECT_THAT(call.error(), HasSubstr("queries has 30 values, expected 4611686018427387904"));
}

TEST(Validate, ModelDimNotDivisibleByHeads) {
  const MultiHeadShape shape{1, 2, 2, 10, 3};
  EXPECT_THAT(checkMultiHeadShape(shape).message(), HasSubstr("modelDim = 10 is not divisible by heads = 3"));
}

TEST(Validate, SelfAttentionNeedsEqualLengths) {
  const MultiHeadShape shape{1, 2, 3, 4, 2};
  std::vector<float> query(8), inW(48), outW(16), output(8);
  Workspace workspace;
  const Status status = multiHeadAttention(shape, {span(query), {}, span(inW), {}, span(outW), {}, {}, false},
                                           {writable(output), {}}, workspace);
  EXPECT_THAT(status.message(), HasSubstr("keyLength = 3 differs from queryLength = 2 without memory"));
}

// Messages are built by Text, which prints numbers as the std::ostringstream it replaced did.
TEST(Text, PrintsNumbersAsAnOstreamWould) {
  for (const int precision : {3, 4, 6}) {
    for (const double value : {0.0, -0.0, 1.0, 0.5, 2.5, 1e-7, 123456789.0, 8.507059e37, -3.25e12, 1.0 / 3.0,
                               std::numeric_limits<double>::infinity()}) {
      std::ostringstream stream;
      stream.precision(precision);
      stream << value;
      Text text(precision);
      text << value;
      EXPECT_EQ(text.str(), stream.str()) << "precision " << precision;
    }
  }
  const std::int64_t largest = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(concat("a", 'b', std::string("c"), -42, std::uint64_t{18446744073709551615u}, largest, 2.5f),
            "abc-421844674407370955161592233720368547758072.5");
}

}  // namespace
}  // namespace jumok::test
