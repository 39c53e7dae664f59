// The ops a transformer block needs besides attention and the linear layers
// (linear.hpp): normalisation, activations, residuals, RoPE, embeddings. Each
// runs on the SIMD kernels (kernels/simd_ops.hpp) or the scalar reference
// (kernels/scalar_ops.hpp). Sizes are the caller's to check.
#pragma once
#include <cstddef>
#include <cstdint>

#include "jumok/kernels.hpp"

namespace jumok {

enum class Activation { GeluErf, GeluTanh, Silu, Relu };

// Each of `rows` rows of x [rows,dim]: (x − mean)/√(var + eps)·gamma + beta, in place.
void layerNorm(float* x, std::size_t rows, std::size_t dim, const float* gamma, const float* beta, float eps,
               KernelFamily kernels = kBestKernels);

// Each row: x/√(mean(x²) + eps)·gamma, in place.
void rmsNorm(float* x, std::size_t rows, std::size_t dim, const float* gamma, float eps,
             KernelFamily kernels = kBestKernels);

void activate(float* x, std::size_t n, Activation activation, KernelFamily kernels = kBestKernels);

// y += x (residuals).
void addInPlace(float* y, const float* x, std::size_t n, KernelFamily kernels = kBestKernels);

// y ·= x (SwiGLU's gate).
void multiplyInPlace(float* y, const float* x, std::size_t n, KernelFamily kernels = kBestKernels);

// RoPE tables for positions 0..length-1: cos and sin of position·θ^(−2i/headDim), i < headDim/2, each
// [length, headDim/2]. Angles in double: the tables then hold the float nearest the exact value.
void ropeTables(std::size_t length, std::size_t headDim, double theta, float* cos, float* sin);

// Rotate-half RoPE on x [batch, length, heads, headDim] (the projection's own layout), in place.
void applyRope(float* x, std::size_t batch, std::size_t length, std::size_t heads, std::size_t headDim,
               const float* cos, const float* sin, KernelFamily kernels = kBestKernels);


}  // namespace jumok
