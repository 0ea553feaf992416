// The widget icon names as glyphs (no icon font: the console works offline). Vendor icons
// (`vendor:…`, `lucide:…`) and unknown names fall back to a dot, with the name as a tooltip.
import type { IconName } from '../../generated/widgets';

const GLYPHS: Record<string, string> = {
  agent: '🤖', analytics: '📈', atom: '⚛', batch: '▤', bolt: '⚡', 'book-open': '📖',
  'book-closed': '📕', 'book-clock': '📚', bug: '🐞', calendar: '📅', chart: '📊', check: '✓',
  'check-circle': '✔', 'check-circle-filled': '✅', 'chevron-left': '‹', 'chevron-right': '›',
  'circle-question': '?', clock: '🕒', compass: '🧭', confetti: '🎉', cube: '⬛', desktop: '🖥',
  document: '📄', dot: '•', 'dots-horizontal': '⋯', 'dots-vertical': '⋮', 'empty-circle': '○',
  'external-link': '↗', globe: '🌐', keys: '🔑', lab: '🧪', images: '🖼', info: 'ℹ',
  lifesaver: '🛟', lightbulb: '💡', mail: '✉', 'map-pin': '📍', maps: '🗺', mobile: '📱',
  name: '🪪', notebook: '📓', 'notebook-pencil': '📝', 'page-blank': '📃', phone: '📞',
  play: '▶', plus: '+', profile: '👤', 'profile-card': '🪪', reload: '↻', star: '☆',
  'star-filled': '★', search: '🔍', sparkle: '✦', 'sparkle-double': '✧', 'square-code': '⌨',
  'square-image': '🖼', 'square-text': '🗒', suitcase: '💼', 'settings-slider': '⚙', user: '👤',
  wreath: '🏵', write: '✎', 'write-alt': '✍', 'write-alt2': '🖊',
};

export function glyph(name: IconName): string {
  return GLYPHS[name] ?? '•';
}
