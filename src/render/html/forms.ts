/**
 * A form block as a posted `<form>` of native inputs: each with a visible `<label for>`, required
 * ones with the `required` attribute (which assistive technology announces) and a visible `*`
 * (hidden from it, since it would only repeat that), and an error under its input, tied to it
 * with `aria-describedby` and `aria-invalid`. What an input starts with is the kit's decision
 * (kit/inputs.ts), as on every platform; unlike theirs, an HTML input holds a text of any length,
 * so nothing the user typed is shortened.
 */
import type { Block } from '../../reply/reply.ts';
import { describeInput, type InputDescription } from '../kit/inputs.ts';
import { label } from '../kit/labels.ts';
import { oneLine } from '../kit/lines.ts';
import { submitButton } from './buttons.ts';
import type { BlockIds } from './ids.ts';
import { type Attributes, element, escapeHtml, hasWords, voidElement, withBreaks } from './markup.ts';
import { fieldName, type Posting, postedForm } from './posting.ts';

type Form = Extract<Block, { type: 'form' }>;

const REQUIRED_MARK = ` ${element('span', { class: 'required', 'aria-hidden': 'true' }, '*')}`;

export function formBlock(form: Form, posting: Posting, ids: BlockIds): string {
  const names = new Set(form.inputs.map((input) => input.name));
  if (names.size < form.inputs.length) throw new Error(`form ${form.formId} repeats an input name`);
  const titled = hasWords(form.title);
  const heading = titled ? element('h3', { id: ids.title }, withBreaks(form.title)) : '';
  const inputs = form.inputs.map((input, i) =>
    formInput(describeInput(input, { whole: false }), ids.input(i), ids.error(i)),
  );
  // A form without a submit label still needs words on its button: the title says what it is.
  const submit = submitButton(
    escapeHtml(label(form.submitLabel, form.title)),
    'primary',
    oneLine(form.title).trim(),
  );
  const own = { formId: form.formId, payload: JSON.stringify(form.payload) };
  return postedForm(posting, own, [heading, ...inputs, submit].join(''), {
    class: 'form',
    'aria-labelledby': titled ? ids.title : undefined,
  });
}

/** One input in a `div.input`: its label, the control, and its error beneath. */
function formInput(field: InputDescription, id: string, errorId: string): string {
  const invalid = field.error !== undefined;
  const common: Attributes = {
    id,
    name: fieldName(field.name),
    required: field.required,
    'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': invalid ? errorId : undefined,
  };
  const text = escapeHtml(field.label) + (field.required ? REQUIRED_MARK : '');
  const labelled = element('label', { for: id }, text);
  const control = widget(field, common);
  // A checkbox's label follows it, as a reader of a form expects to find it.
  const parts = field.kind === 'checkbox' ? [control, labelled] : [labelled, control];
  const error =
    field.error === undefined ? '' : element('p', { class: 'error', id: errorId }, withBreaks(field.error));
  return element('div', { class: `input input-${field.kind}` }, [...parts, error].join(''));
}

function widget(field: InputDescription, common: Attributes): string {
  switch (field.kind) {
    case 'text': {
      // A one-line input drops the line breaks of its value (HTML's value sanitization); a value
      // that has some gets a textarea, so that it is posted back as it was typed.
      const multiline = field.multiline || (field.initial !== undefined && /[\r\n]/.test(field.initial));
      // The parser drops one line break right after `<textarea>`: this one, never the value's own.
      if (multiline)
        return element(
          'textarea',
          { ...common, maxlength: field.maxLength },
          `\n${escapeHtml(field.initial ?? '')}`,
        );
      return voidElement('input', {
        type: 'text',
        ...common,
        maxlength: field.maxLength,
        value: field.initial,
      });
    }
    case 'date':
      return voidElement('input', { type: 'date', ...common, value: field.initial });
    case 'number':
      // `step="any"`: without it a browser refuses every number that is not whole.
      return voidElement('input', {
        type: 'number',
        ...common,
        min: field.min,
        max: field.max,
        step: 'any',
        value: field.initial,
      });
    case 'select': {
      // Nothing chosen yet: an empty first option, so that the browser does not choose the first for the user.
      const empty = field.chosen === undefined ? [element('option', { value: '' }, '')] : [];
      const options = field.options.map((option) =>
        element(
          'option',
          { value: option.value, selected: option === field.chosen },
          escapeHtml(label(option.label, option.value)),
        ),
      );
      return element('select', common, [...empty, ...options].join(''));
    }
    case 'checkbox':
      // Unticked sends nothing, as a blank field does; ticked sends 'true'.
      return voidElement('input', { type: 'checkbox', ...common, value: 'true', checked: field.checked });
  }
}
