// Markdown as React elements (marked's lexer, no HTML injection): paragraphs, headings, lists,
// code, quotes, tables, emphasis, links. Raw HTML in the text is shown as text.
import { Fragment, type ReactNode } from 'react';
import { marked, type Token, type Tokens } from 'marked';

function inline(tokens: Token[] | undefined): ReactNode {
  return (tokens ?? []).map((token, i) => <Fragment key={i}>{inlineToken(token)}</Fragment>);
}

function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href, window.location.href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function inlineToken(token: Token): ReactNode {
  switch (token.type) {
    case 'strong':
      return <strong>{inline((token as Tokens.Strong).tokens)}</strong>;
    case 'em':
      return <em>{inline((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del>{inline((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return <code>{(token as Tokens.Codespan).text}</code>;
    case 'br':
      return <br />;
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeHref(link.href);
      return href ? (
        <a href={href} target="_blank" rel="noreferrer noopener">
          {inline(link.tokens)}
        </a>
      ) : (
        inline(link.tokens)
      );
    }
    case 'image': {
      const image = token as Tokens.Image;
      const src = safeHref(image.href);
      return src ? <img src={src} alt={image.text} /> : image.text;
    }
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens) : decode(text.text);
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    default:
      return 'raw' in token ? token.raw : '';
  }
}

/** marked escapes entities in text tokens; show them as the characters they stand for. */
function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function block(token: Token, key: number): ReactNode {
  switch (token.type) {
    case 'paragraph':
      return <p key={key}>{inline((token as Tokens.Paragraph).tokens)}</p>;
    case 'heading': {
      const heading = token as Tokens.Heading;
      const Tag = `h${Math.min(heading.depth + 2, 6)}` as 'h3';
      return <Tag key={key}>{inline(heading.tokens)}</Tag>;
    }
    case 'code':
      return (
        <pre key={key}>
          <code>{(token as Tokens.Code).text}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote key={key}>{(token as Tokens.Blockquote).tokens.map(block)}</blockquote>;
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, i) => <li key={i}>{item.tokens.map(block)}</li>);
      return list.ordered ? (
        <ol key={key} start={typeof list.start === 'number' ? list.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table': {
      const table = token as Tokens.Table;
      return (
        <table key={key}>
          <thead>
            <tr>{table.header.map((cell, i) => <th key={i}>{inline(cell.tokens)}</th>)}</tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>{row.map((cell, i) => <td key={i}>{inline(cell.tokens)}</td>)}</tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'hr':
      return <hr key={key} />;
    case 'space':
      return null;
    case 'text': {
      const text = token as Tokens.Text;
      return <Fragment key={key}>{text.tokens ? inline(text.tokens) : decode(text.text)}</Fragment>;
    }
    default:
      return <p key={key}>{'raw' in token ? token.raw : ''}</p>;
  }
}

export function Markdown({ text }: { text: string }) {
  return <div className="markdown">{marked.lexer(text).map(block)}</div>;
}
