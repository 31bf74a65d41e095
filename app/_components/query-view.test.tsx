import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/app/_lib/query/api-fetch";
import { I18nProvider } from "./i18n-provider";
import { errorText, type QueryState, QueryView } from "./query-view";

const pending = { isPending: true, isError: false, error: null, data: undefined };
const failed = (error: unknown) => ({ isPending: false, isError: true, error, data: undefined });
const ok = <T,>(data: T): QueryState<T> => ({ isPending: false, isError: false, error: null, data });

const html = (node: React.ReactNode) => renderToStaticMarkup(<I18nProvider locale="en">{node}</I18nProvider>);

describe("QueryView", () => {
  it("shows the loading line while pending", () => {
    const out = html(<QueryView query={pending as QueryState<string[]>} empty="none">{() => "data"}</QueryView>);
    expect(out).toMatch(/^<p class="muted">[^<]+<\/p>$/);
    expect(out).not.toContain("data");
  });

  it("shows the error as an alert", () => {
    const out = html(<QueryView query={failed(new ApiError("Project not found", 404, "NOT_FOUND")) as QueryState<string[]>} empty="none">{() => "data"}</QueryView>);
    expect(out).toBe('<p class="error" role="alert">Project not found</p>');
  });

  it("wraps a string empty message in a muted paragraph", () => {
    expect(html(<QueryView query={ok<string[]>([])} empty="Nothing yet">{() => "data"}</QueryView>)).toBe('<p class="muted">Nothing yet</p>');
  });

  it("renders an empty node as given", () => {
    const out = html(
      <QueryView query={ok({ total: 0 })} isEmpty={(d) => d.total === 0} empty={<p className="card muted" data-testid="x-empty">None</p>}>
        {() => "data"}
      </QueryView>,
    );
    expect(out).toBe('<p class="card muted" data-testid="x-empty">None</p>');
  });

  it("renders the children with the data otherwise", () => {
    expect(html(<QueryView query={ok(["a", "b"])} empty="none">{(d) => <ul>{d.map((x) => <li key={x}>{x}</li>)}</ul>}</QueryView>)).toBe(
      "<ul><li>a</li><li>b</li></ul>",
    );
    expect(html(<QueryView query={ok({ total: 3 })} isEmpty={(d) => d.total === 0} empty="none">{(d) => `total ${d.total}`}</QueryView>)).toBe("total 3");
  });

  it("treats only an empty array as empty by default: other data needs its own isEmpty", () => {
    // Without a predicate, an object that means "nothing" is shown as data — which is why the
    // props type requires isEmpty for non-array data. That requirement is checked by `tsc`
    // (npm test's "types" step): it fails if the @ts-expect-error below stops being an error.
    // @ts-expect-error -- isEmpty is required when the data is not an array
    const withoutPredicate = <QueryView query={ok({ total: 0 })} empty="none">{(d) => `total ${d.total}`}</QueryView>;
    expect(html(withoutPredicate)).toBe("total 0");
    expect(html(<QueryView query={ok<string[]>(["a"])} empty="none">{(d) => d.join()}</QueryView>)).toBe("a");
  });
});

describe("errorText", () => {
  it("gives an Error's message, or the value as text", () => {
    expect(errorText(new Error("boom"))).toBe("boom");
    expect(errorText("plain")).toBe("plain");
  });
});
