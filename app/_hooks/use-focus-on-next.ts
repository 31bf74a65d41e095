"use client";
// After a submit or a skip, once the next piece of work (or the empty queue) is on screen: back
// to the top of the page and the focus on the first of the given elements that exists, so a
// keyboard or screen-reader user starts on the new question. Returns the function that arms it.
import { useEffect, useState } from "react";

export function useFocusOnNext(isFetching: boolean, itemId: string | undefined, targetIds: readonly string[]) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed || isFetching) return;
    setArmed(false);
    window.scrollTo({ top: 0 });
    const target = targetIds.map((id) => document.getElementById(id)).find(Boolean);
    target?.focus({ preventScroll: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [armed, isFetching, itemId]);
  return () => setArmed(true);
}
