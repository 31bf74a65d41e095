"use client";
// Markdown written by admins (project guidelines), rendered as React elements by react-markdown:
// no raw HTML (skipHtml: tags in the text are dropped, never injected) and react-markdown's
// default URL filter (no javascript: links). Links open in a new tab so the form stays put.
import ReactMarkdown, { type Components } from "react-markdown";
import styles from "./markdown.module.css";

const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
  // the panel's own heading is the h2: the guidelines' headings sit below it
  h1: ({ node: _node, ...props }) => <h3 {...props} />,
  h2: ({ node: _node, ...props }) => <h4 {...props} />,
  h3: ({ node: _node, ...props }) => <h5 {...props} />,
};

export function Markdown({ source }: { source: string }) {
  return (
    <div className={styles.markdown}>
      <ReactMarkdown skipHtml components={components}>
        {source}
      </ReactMarkdown>
    </div>
  );
}
