// A thread's items as the stream changes them: the same rules the server follows when it
// saves them, so what streamed is what a reload shows.
import type { ThreadItem, ThreadItemUpdate, ThreadStreamEvent } from './types';

export interface View {
  items: ThreadItem[];
  /** The latest progress line of the running turn. */
  progress?: string;
  /** The error that ended the last turn. */
  error?: { message: string; allowRetry: boolean };
  /** Notices of the running turn (e.g. a widget from the agent that cannot be shown). */
  notices?: { level: 'info' | 'warning' | 'danger'; message: string; title?: string }[];
}

export const empty: View = { items: [] };

function upsert(items: ThreadItem[], item: ThreadItem): ThreadItem[] {
  const at = items.findIndex((i) => i.id === item.id);
  if (at < 0) return [...items, item];
  const next = items.slice();
  next[at] = item;
  return next;
}

function update(item: ThreadItem, change: ThreadItemUpdate): ThreadItem {
  switch (change.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done': {
      if (item.type !== 'assistant_message') return item;
      const content = item.content.slice();
      content[change.content_index] = change.content;
      return { ...item, content };
    }
    case 'assistant_message.content_part.text_delta': {
      if (item.type !== 'assistant_message') return item;
      const content = item.content.slice();
      const part = content[change.content_index] ?? { type: 'output_text', text: '', annotations: [] };
      content[change.content_index] = { ...part, text: part.text + change.delta };
      return { ...item, content };
    }
    case 'assistant_message.content_part.annotation_added': {
      if (item.type !== 'assistant_message') return item;
      const content = item.content.slice();
      const part = content[change.content_index];
      if (!part) return item;
      const annotations = (part.annotations ?? []).slice();
      annotations.splice(change.annotation_index, 0, change.annotation);
      content[change.content_index] = { ...part, annotations };
      return { ...item, content };
    }
    case 'workflow.task.added':
    case 'workflow.task.updated': {
      if (item.type !== 'workflow') return item;
      const tasks = item.workflow.tasks.slice();
      tasks[change.task_index] = change.task;
      return { ...item, workflow: { ...item.workflow, tasks } };
    }
    default:
      // Widget streaming updates (`widget.*`) carry whole roots or text deltas; the done event
      // that follows brings the final widget.
      if (change.type === 'widget.root.updated' && item.type === 'widget') {
        return { ...item, widget: change.widget };
      }
      return item;
  }
}

/** The view after one event. */
export function apply(view: View, event: ThreadStreamEvent): View {
  switch (event.type) {
    case 'thread.item.added':
    case 'thread.item.done':
    case 'thread.item.replaced':
      return { ...view, items: upsert(view.items, event.item) };
    case 'thread.item.updated':
      return {
        ...view,
        items: view.items.map((i) => (i.id === event.item_id ? update(i, event.update) : i)),
      };
    case 'thread.item.removed':
      return { ...view, items: view.items.filter((i) => i.id !== event.item_id) };
    case 'progress_update':
      return { ...view, progress: event.text };
    case 'notice':
      return {
        ...view,
        notices: [...(view.notices ?? []), { level: event.level, message: event.message, title: event.title ?? undefined }],
      };
    case 'error':
      return {
        ...view,
        progress: undefined,
        error: { message: event.message ?? 'Something went wrong.', allowRetry: event.allow_retry ?? false },
      };
    default:
      return view;
  }
}
