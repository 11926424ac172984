/**
 * Help text shown after the options: example blocks (paragraphs with indented lines) as
 * written, prose paragraphs re-flowed to the width commander wraps option descriptions to (the
 * terminal's, else 80), at the moment the help is shown. Prose is written without line breaks.
 */
export function helpAfter(text: string): () => string {
  return () => {
    const width = process.stdout.columns || 80;
    const paragraphs = text.trim().split(/\n{2,}/);
    return `\n${paragraphs.map((p) => (/\n {2}/.test(p) ? p : wrapProse(p, width))).join('\n\n')}`;
  };
}

/** Greedy word wrap; a word longer than the width gets a line of its own. */
export function wrapProse(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
