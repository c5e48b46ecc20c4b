/** Form inputs shared by the commands' forms: a vocabulary as a select, in the reader's language. */
import type { labelledEnums } from '../domain/enums.ts';
import type { Translator } from '../i18n/translate.ts';
import type { FormInput } from '../reply/reply.ts';

export function choiceInput(
  t: Translator,
  input: { name: string; label: string; required: boolean; value?: string },
  enumName: keyof typeof labelledEnums,
  values: readonly string[],
): FormInput {
  return {
    type: 'select',
    ...input,
    options: values.map((value) => ({ value, label: t(`enum.${enumName}.${value}`) })),
  };
}
