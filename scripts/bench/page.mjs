// The two page figures of the issue, measured in Chromium with Playwright:
//   firstHeatmapMs — navigation to the first heatmap drawn, on localhost (target ≤ 150 ms)
//   rerenderMs     — one re-render for 32 tokens × 8 heads (target ≤ 16 ms)
//
// TODO(front end): the demo page is being rewritten, so nothing is measured
// here yet. When it lands: build it (scripts/build.sh demo), serve build/demo on
// 127.0.0.1, drive Debian's chromium through playwright-core (as tests/web/
// harness.ts does), and read two marks the page sets, e.g.
// performance.mark('jumok:first-heatmap') after the first canvas draw and a
// measure around a 32×8 re-render. Return the numbers; run.mjs prints and
// stores whatever this returns.
export async function pageFigures() {
  return { firstHeatmapMs: null, rerenderMs: null, note: 'not measured: front end being rewritten (scripts/bench/page.mjs)' };
}
