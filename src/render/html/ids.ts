/**
 * Element ids, unique on a page that shows several replies: each starts with the reply's prefix
 * and is built from positions (block, input), never from a name in the Reply, which may hold
 * spaces or repeat across forms. `for`, `aria-labelledby` and `aria-describedby` point at them.
 */

/** An id must hold no whitespace: `aria-describedby` reads a space as the start of another id. */
export function checkedPrefix(prefix: string): string {
  if (!/^[^\s]+$/u.test(prefix))
    throw new Error(`id prefix ${JSON.stringify(prefix)} is empty or has spaces`);
  return prefix;
}

/** The ids of one block's elements. */
export type BlockIds = {
  title: string;
  input: (index: number) => string;
  error: (index: number) => string;
};

export function blockIds(prefix: string, block: number): BlockIds {
  const base = `${prefix}-b${block}`;
  return {
    title: `${base}-title`,
    input: (index) => `${base}-i${index}`,
    error: (index) => `${base}-i${index}-error`,
  };
}
