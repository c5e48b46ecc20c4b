/**
 * What a submitted modal holds, as plain strings keyed by input name: the shape
 * `submitForm` expects, whatever Block Kit element produced it.
 */
type ElementState = {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[];
};

export function viewValues(state: { values?: Record<string, Record<string, ElementState>> } | undefined) {
  const values: Record<string, string | undefined> = {};
  for (const [blockId, elements] of Object.entries(state?.values ?? {}))
    for (const element of Object.values(elements)) {
      values[blockId] =
        element.value ??
        element.selected_date ??
        element.selected_option?.value ??
        // A checked box says 'true'; an unchecked one says nothing, as an empty field does.
        (element.selected_options && element.selected_options.length > 0 ? 'true' : undefined) ??
        undefined;
    }
  return values;
}
