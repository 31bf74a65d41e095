// The loading / error / empty states of a react-query result, then the data:
//   <QueryView query={projects} empty={t("admin.projects.empty")}>{(data) => <table …/>}</QueryView>
// Loading: <p className="muted">; error: <p className="error" role="alert">; empty: a plain
// string becomes <p className="muted">, any other node (e.g. one with a data-testid) is rendered as is.
import type { ReactNode } from "react";
import { useT } from "./i18n-provider";

/** The text of a thrown value: the message of an Error (ApiError carries the server's). */
export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** What QueryView reads of a useQuery / useInfiniteQuery result. */
export type QueryState<TData> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: TData | undefined;
};

// Arrays are empty at length 0 by default; any other data needs its own predicate.
type EmptyCheck<TData> = TData extends readonly unknown[]
  ? { isEmpty?: (data: TData) => boolean }
  : { isEmpty: (data: TData) => boolean };

export type QueryViewProps<TData> = {
  query: QueryState<TData>;
  /** shown when the data is empty: a string (wrapped in <p className="muted">) or a node of its own */
  empty: ReactNode;
  children: (data: TData) => ReactNode;
} & EmptyCheck<TData>;

export function QueryView<TData>(props: QueryViewProps<TData>) {
  const t = useT();
  const { query, empty, children } = props;
  if (query.isPending) return <p className="muted">{t("common.loading")}</p>;
  if (query.isError)
    return (
      <p className="error" role="alert">
        {errorText(query.error)}
      </p>
    );
  const data = query.data as TData;
  const isEmpty = (props.isEmpty as ((data: TData) => boolean) | undefined) ?? ((d: TData) => Array.isArray(d) && d.length === 0);
  if (isEmpty(data)) return typeof empty === "string" ? <p className="muted">{empty}</p> : <>{empty}</>;
  return <>{children(data)}</>;
}
