// One thread item as the console shows it.
import { useState } from 'react';
import type { FeedbackKind, ThreadItem } from './types';
import type { ActionConfig } from '../generated/widgets';
import { Markdown } from './Markdown';
import { StructuredQuestions } from './Questions';
import type { Answers } from './Questions';
import { Widget } from './widgets/Widget';
import type { Theme } from './widgets/style';

export interface ItemHost {
  theme: Theme;
  busy: boolean;
  onAction(item: ThreadItem, action: ActionConfig, values?: Record<string, unknown>): void;
  onFeedback(item: ThreadItem, kind: FeedbackKind): void;
  /** Answers a structured input item. */
  onAnswer(item: ThreadItem, answers: Answers): void;
  onRetry(item: ThreadItem): void;
  /** Whether a retry is offered on this user message (the last one). */
  canRetry(item: ThreadItem): boolean;
}

function Feedback({ item, host }: { item: ThreadItem; host: ItemHost }) {
  const [given, setGiven] = useState<FeedbackKind>();
  const give = (kind: FeedbackKind) => {
    setGiven(kind);
    host.onFeedback(item, kind);
  };
  return (
    <div className="feedback" role="group" aria-label="Feedback">
      <button type="button" aria-label="Good answer" aria-pressed={given === 'positive'} onClick={() => give('positive')}>✓ Good</button>
      <button type="button" aria-label="Bad answer" aria-pressed={given === 'negative'} onClick={() => give('negative')}>✗ Bad</button>
    </div>
  );
}

export function Item({ item, host }: { item: ThreadItem; host: ItemHost }) {
  switch (item.type) {
    case 'user_message': {
      const text = item.content.map((part) => part.text).join('');
      return (
        <article className="item user" data-item-id={item.id}>
          <div className="bubble">{text}</div>
          {item.attachments?.length ? <div className="attachments">{item.attachments.map((a) => a.name).join(', ')}</div> : null}
          {host.canRetry(item) && (
            <button type="button" className="retry" disabled={host.busy} onClick={() => host.onRetry(item)}>↻ Retry</button>
          )}
        </article>
      );
    }
    case 'assistant_message':
      return (
        <article className="item assistant" data-item-id={item.id}>
          {item.content.map((part, i) => <Markdown key={i} text={part.text} />)}
          <Feedback item={item} host={host} />
        </article>
      );
    case 'widget':
      return (
        <article className="item widget-item" data-item-id={item.id}>
          <Widget
            root={item.widget}
            host={{ theme: host.theme, onAction: (action, values) => host.onAction(item, action, values) }}
          />
        </article>
      );
    case 'workflow': {
      const { workflow } = item;
      return (
        <article className="item workflow" data-item-id={item.id}>
          <details open={workflow.expanded || !workflow.summary}>
            <summary>{workflow.summary && 'title' in workflow.summary ? workflow.summary.title : workflow.summary ? `Worked for ${workflow.summary.duration} s` : 'Working…'}</summary>
            <ol>
              {workflow.tasks.map((task, i) => (
                <li key={i} data-status={task.status_indicator ?? 'none'}>
                  <span className="task-status" aria-label={task.status_indicator ?? 'none'}>
                    {task.status_indicator === 'loading' ? '◌' : task.status_indicator === 'complete' ? '✓' : '•'}
                  </span>
                  <strong>{'title' in task && task.title ? task.title : task.type}</strong>
                  {'content' in task && task.content ? <pre>{task.content}</pre> : null}
                </li>
              ))}
            </ol>
          </details>
        </article>
      );
    }
    case 'task':
      return (
        <article className="item task" data-item-id={item.id}>
          <strong>{'title' in item.task && item.task.title ? item.task.title : item.task.type}</strong>
        </article>
      );
    case 'client_tool_call':
      return (
        <article className="item tool" data-item-id={item.id}>
          Tool <code>{item.name}</code> ({item.status})
        </article>
      );
    case 'generated_image':
      return (
        <article className="item image" data-item-id={item.id}>
          {item.image ? <img src={item.image.url} alt="Generated" /> : <span>Generating an image…</span>}
        </article>
      );
    case 'structured_input':
      return <StructuredQuestions item={item} busy={host.busy} onAnswer={(answers) => host.onAnswer(item, answers)} />;
    case 'hidden_context_item':
    case 'sdk_hidden_context':
    case 'end_of_turn':
      return null;
    default:
      return null;
  }
}
