/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (so logs and pipes stay clean).
 *
 * @example
 * const bar = progressBar(process.stderr, "refresh"); bar(3, 100); ... bar(100, 100);
 */
export function progressBar(
  stream: { readonly isTTY?: boolean; write(text: string): unknown },
  label: string,
): (done: number, total: number) => void {
  if (!stream.isTTY) return () => undefined;
  const width = 30;
  return (done, total) => {
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * width);
    stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) stream.write("\n");
  };
}
