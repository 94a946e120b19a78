import { MarkdownContent, UnStyledButton, useEditorContext, type GraphiQLPlugin } from '@graphiql/react';
import type { Example } from './examples.js';

/** Title of the plugin; also what `visiblePlugin` names to open it first. */
export const EXAMPLES_PLUGIN_TITLE = 'Examples';

function ExamplesIcon() {
  return (
    <svg height="1em" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M8 6h12M8 12h12M8 18h12" strokeLinecap="round" />
      <circle cx="4" cy="6" r="1" fill="currentColor" />
      <circle cx="4" cy="12" r="1" fill="currentColor" />
      <circle cx="4" cy="18" r="1" fill="currentColor" />
    </svg>
  );
}

/**
 * A sidebar plugin listing the ready examples in order with their comments. Choosing one switches to its tab when one
 * is open with the same text, else loads it into the current tab (as GraphiQL's history does).
 */
export function examplesPlugin(examples: Example[]): GraphiQLPlugin {
  function ExamplesContent() {
    // changeTab is a plain callback of GraphiQL's React context (no `this`), safe to destructure.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const { tabs, changeTab, queryEditor, variableEditor, headerEditor } = useEditorContext({ nonNull: true });
    const open = (example: Example) => {
      const index = tabs.findIndex((tab) => tab.query === example.query);
      if (index >= 0) {
        changeTab(index);
        return;
      }
      queryEditor?.setValue(example.query);
      variableEditor?.setValue(example.variables ?? '');
      if (example.headers !== undefined) headerEditor?.setValue(example.headers);
    };
    return (
      <section aria-label="Examples" className="wag-examples">
        <div className="graphiql-doc-explorer-title">Examples</div>
        <p className="wag-examples-intro">
          Ready operations against this gateway, to run in order. Each is a file in <code>examples/</code>, typed by{' '}
          <code>npm run codegen</code>.
        </p>
        {examples.length === 0 ? <p>No examples are served.</p> : null}
        <ol>
          {examples.map((example) => (
            <li key={example.file}>
              <UnStyledButton className="wag-example-open" onClick={() => open(example)} title={`Open ${example.file}`}>
                {example.title}
              </UnStyledButton>
              <span className="wag-example-file">{example.file}</span>
              {example.description ? <MarkdownContent type="description">{example.description}</MarkdownContent> : null}
            </li>
          ))}
        </ol>
      </section>
    );
  }
  return { title: EXAMPLES_PLUGIN_TITLE, icon: ExamplesIcon, content: ExamplesContent };
}
