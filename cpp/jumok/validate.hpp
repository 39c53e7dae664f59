// Argument checks shared by the native API and the bindings. Messages use the
// JavaScript argument names, say what was wrong and what was expected.
#pragma once
#include <cstdint>
#include <string>

#include "jumok/attention.hpp"
#include "jumok/multi_head.hpp"
#include "jumok/status.hpp"

namespace jumok {

Status checkAttention(const AttentionShape& shape, const AttentionInputs& inputs, const AttentionOutputs& outputs);
Status checkMultiHead(const MultiHeadShape& shape, const MultiHeadInputs& inputs, const MultiHeadOutputs& outputs);

// Every value finite, else an error naming the first that is not ("name[i] is NaN, expected a finite number");
// largest gets the largest |value|. firstIndex: where `values` start in what `name` names (a part of a tensor).
Status checkFinite(const std::string& name, InputFloats values, float* largest, std::size_t firstIndex = 0);

// A size that arrives as a JavaScript number: a whole number from 1 to 2^31-1.
Status checkDimension(const char* name, double value);

// Shape-only checks: what the bindings run before they allocate anything.
Status checkAttentionShape(const AttentionShape& shape);
Status checkMultiHeadShape(const MultiHeadShape& shape);

}  // namespace jumok
