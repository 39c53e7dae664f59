// The linear layers of one transformer forward pass, alone: the bench's GEMM figure (gemm.mjs). Linked
// against build/wasm's libjumok_core_simd.a, so jumok::linear here is the object code jumok-simd.wasm runs
// inside model.run; the matrices are packed at set-up as a loaded model's are, one set per layer, so the
// weights stream from memory layer after layer as they do in a model's pass.
#include <emscripten/emscripten.h>

#include <cstddef>
#include <memory>
#include <vector>

#include "jumok/linear.hpp"

namespace {

// One block's linear layers in the order a BERT or GPT-2 block runs them: q, k, v, output, up, down.
struct Block {
  jumok::PackedMatrix query, key, value, output, up, down;
};

struct Pass {
  std::size_t rows = 0;
  std::vector<Block> blocks;
  std::vector<float> x, projected, inner, bias;  // x [rows,E], projected [rows,E], inner [rows,F], bias [F]
  jumok::Workspace workspace;
};

std::unique_ptr<Pass> pass;

jumok::PackedMatrix packed(std::size_t out, std::size_t in, unsigned seed) {
  std::vector<float> weight(out * in);  // nn.Linear's [out, in]
  for (std::size_t i = 0; i < weight.size(); ++i) weight[i] = static_cast<float>((i * 2654435761u + seed) % 2001) * 1e-5f - 0.01f;
  return jumok::PackedMatrix::fromRows(weight.data(), out, in, jumok::KernelFamily::Simd);
}

}  // namespace

extern "C" {

// `layers` blocks of hidden size E and feed-forward width F, for `rows` tokens.
EMSCRIPTEN_KEEPALIVE void setUp(int layers, int rows, int hidden, int ffn) {
  const std::size_t E = static_cast<std::size_t>(hidden), F = static_cast<std::size_t>(ffn);
  pass = std::make_unique<Pass>();
  pass->rows = static_cast<std::size_t>(rows);
  for (int i = 0; i < layers; ++i) {
    const unsigned seed = static_cast<unsigned>(i) * 7u;
    pass->blocks.push_back({packed(E, E, seed), packed(E, E, seed + 1), packed(E, E, seed + 2), packed(E, E, seed + 3),
                            packed(F, E, seed + 4), packed(E, F, seed + 5)});
  }
  pass->x.assign(pass->rows * E, 0.5f);
  pass->projected.assign(pass->rows * E, 0.f);
  pass->inner.assign(pass->rows * F, 0.25f);
  pass->bias.assign(F, 0.01f);
}

// Every block's six linear layers once (the flops: 2·rows·(4·E² + 2·E·F) per block).
EMSCRIPTEN_KEEPALIVE void run() {
  Pass& p = *pass;
  for (const Block& b : p.blocks) {
    for (const jumok::PackedMatrix* m : {&b.query, &b.key, &b.value, &b.output})
      jumok::linear(p.x.data(), p.rows, *m, p.bias.data(), p.projected.data(), p.workspace);
    jumok::linear(p.x.data(), p.rows, b.up, p.bias.data(), p.inner.data(), p.workspace);
    jumok::linear(p.inner.data(), p.rows, b.down, p.bias.data(), p.projected.data(), p.workspace);
  }
}

EMSCRIPTEN_KEEPALIVE void tearDown() { pass.reset(); }

}  // extern "C"
