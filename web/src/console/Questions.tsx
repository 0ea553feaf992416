// A `structured_input` item: its questions, answered in place (`threads.add_structured_input`)
// while pending; their answers once answered or skipped.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ThreadItem } from './types';

type Questions = Extract<ThreadItem, { type: 'structured_input' }>;
type Input = Questions['inputs'][number];

export interface Answers {
  status: 'answered' | 'skipped';
  answers: Record<string, { values: string[] }>;
}

function Answer({ input }: { input: Input }) {
  const values = input.answer?.values ?? [];
  return <p className="answer">{input.answer?.skipped || values.length === 0 ? 'Skipped' : values.join(', ')}</p>;
}

function Field({ input }: { input: Input }) {
  if (input.type === 'multiple_choice') {
    return (
      <div className="w-radios" role={input.multiple ? 'group' : 'radiogroup'} aria-label={input.question}>
        {input.options.map((option) => (
          <label key={option.value} className="w-check">
            <input type={input.multiple ? 'checkbox' : 'radio'} name={input.id} value={option.value} />
            {option.value}
          </label>
        ))}
      </div>
    );
  }
  return (
    <>
      {input.description && <small>{input.description}</small>}
      <textarea className="w-input" name={input.id} aria-label={input.question} rows={2} />
    </>
  );
}

/** The values a form gives each input. */
function collect(form: HTMLFormElement, inputs: Input[]): Answers['answers'] {
  const data = new FormData(form);
  const answers: Answers['answers'] = {};
  for (const input of inputs) {
    const values = data.getAll(input.id).map(String).filter((v) => v.trim() !== '');
    answers[input.id] = { values };
  }
  return answers;
}

export function StructuredQuestions({ item, busy, onAnswer }: { item: Questions; busy: boolean; onAnswer(answers: Answers): void }) {
  const [sent, setSent] = useState(false);
  const pending = item.status === 'pending' && !sent;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSent(true);
    onAnswer({ status: 'answered', answers: collect(event.currentTarget, item.inputs) });
  };
  const skip = () => {
    setSent(true);
    onAnswer({ status: 'skipped', answers: {} });
  };
  return (
    <article className="item structured" data-item-id={item.id} data-status={item.status}>
      <form onSubmit={submit}>
        {item.inputs.map((input) => (
          <fieldset key={input.id} disabled={!pending || busy}>
            <legend>{input.question}</legend>
            {pending ? <Field input={input} /> : <Answer input={input} />}
          </fieldset>
        ))}
        {pending && (
          <div className="actions">
            <button type="submit" disabled={busy}>Answer</button>
            <button type="button" disabled={busy} onClick={skip}>Skip</button>
          </div>
        )}
      </form>
    </article>
  );
}
