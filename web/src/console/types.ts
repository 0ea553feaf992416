// The protocol and widget types the console uses, from the generated schema types.
export type {
  Action,
  ActionConfig,
  AssistantMessageContent,
  ChatKitRequest,
  FeedbackKind,
  Task,
  Thread,
  ThreadItem,
  ThreadItemUpdate,
  ThreadStreamEvent,
  UserMessageContent,
  WidgetComponent,
  WidgetRoot,
} from '../generated/protocol';

/** A page of a listing (`threads.list`, `items.list`). */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  after?: string;
}
