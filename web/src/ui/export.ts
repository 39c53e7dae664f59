// Exports of the matrix on screen: PNG (the canvas as drawn) and CSV (values with token labels).

/** RFC 4180 quoting, and a leading apostrophe for cells a spreadsheet would run as a formula. */
function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One header row of column labels, then one row per label; −∞ is written as -Infinity. */
export function matrixToCsv(rowLabels: readonly string[], columnLabels: readonly string[], values: ArrayLike<number>): string {
  const lines = [['query \\ key', ...columnLabels].map(csvCell).join(',')];
  rowLabels.forEach((label, i) => {
    const cells = columnLabels.map((_, j) => String(values[i * columnLabels.length + j]));
    lines.push([csvCell(label), ...cells].join(','));
  });
  return lines.join('\r\n') + '\r\n';
}

/** Starts a download of `blob` as `fileName` from inside the widget (works in shadow DOM). */
export function download(container: HTMLElement, blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  container.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The canvas as a PNG on white: the page's background is not in the canvas, and on a transparent PNG the dark
 * labels vanish when the image is put on a dark slide.
 */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  const opaque = document.createElement('canvas');
  opaque.width = canvas.width;
  opaque.height = canvas.height;
  const context = opaque.getContext('2d')!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, opaque.width, opaque.height);
  context.drawImage(canvas, 0, 0);
  return new Promise((resolve, reject) =>
    opaque.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded as PNG'))), 'image/png'));
}
