"use client";
// Imports of a project: list, and upload with progress (admin). The upload uses XMLHttpRequest
// because fetch cannot report upload progress; the server answers with NDJSON progress events.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { ImportFileInput } from "@/app/_lib/import/import-file.schema";
import type { ImportView } from "@/app/_lib/import/import-view";
import type { ImportProgress, ImportResult } from "@/app/_lib/import/run-import";
import { ApiError, apiFetch } from "@/app/_lib/query/api-fetch";
import { dashboardKeys } from "./use-dashboard";
import { projectKeys } from "./use-projects";

export const importKeys = {
  all: ["imports"] as const,
  project: (projectId: string) => [...importKeys.all, "project", projectId] as const,
};

export function useImports(projectId: string) {
  return useQuery({
    queryKey: importKeys.project(projectId),
    queryFn: async () => (await apiFetch<{ imports: ImportView[] }>(`/api/projects/${encodeURIComponent(projectId)}/imports`)).imports,
  });
}

/** Where an upload stands: sending the bytes, then the server's two passes over the file. */
export type UploadProgress =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "validate" | "write"; bytes: number; totalBytes: number; records: number };

type ServerEvent =
  | { type: "received"; bytes: number; sha256: string }
  | ({ type: "progress" } & ImportProgress)
  | ({ type: "done" } & ImportResult)
  | { type: "error"; error: { code: string; message: string; details?: unknown } };

const STATUS: Record<string, number> = { VALIDATION: 422, CONFLICT: 409, NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHORIZED: 401 };

function upload(url: string, file: File, onProgress: (p: UploadProgress) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let seen = 0;
    let settled = false;
    const handle = (event: ServerEvent) => {
      if (event.type === "progress") onProgress({ phase: event.phase, bytes: event.bytes, totalBytes: event.totalBytes, records: event.records });
      else if (event.type === "received") onProgress({ phase: "validate", bytes: 0, totalBytes: event.bytes, records: 0 });
      else if (event.type === "done") {
        settled = true;
        resolve({ import: event.import, duplicate: event.duplicate });
      } else {
        settled = true;
        reject(new ApiError(event.error.message, STATUS[event.error.code] ?? 500, event.error.code, event.error.details));
      }
    };
    // read every complete line that has arrived so far
    const drain = () => {
      const text = xhr.responseText;
      let end = text.indexOf("\n", seen);
      while (end !== -1) {
        const line = text.slice(seen, end).trim();
        seen = end + 1;
        if (line) handle(JSON.parse(line) as ServerEvent);
        end = text.indexOf("\n", seen);
      }
    };
    xhr.upload.onprogress = (e) => onProgress({ phase: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onprogress = () => {
      if (xhr.status === 200) drain();
    };
    xhr.onload = () => {
      if (xhr.status !== 200) {
        // refused before processing started (bad query, not an admin, too large): one JSON error
        let body: { error?: { code?: string; message?: string; details?: unknown } } = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // not JSON: keep the status line
        }
        reject(new ApiError(body.error?.message ?? `${xhr.status} ${xhr.statusText}`, xhr.status, body.error?.code ?? "HTTP_ERROR", body.error?.details));
        return;
      }
      drain();
      if (!settled) reject(new ApiError("The connection closed before the import finished; check the import list", 0, "NETWORK"));
    };
    xhr.onerror = () => reject(new ApiError("Network error during the upload", 0, "NETWORK"));
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.send(file);
  });
}

export function useImportFile(projectId: string) {
  const qc = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress>({ phase: "idle" });
  const mutation = useMutation({
    mutationFn: ({ file, options }: { file: File; options: Omit<ImportFileInput, "fileName"> }) => {
      const query = new URLSearchParams({ fileName: file.name, format: options.format, candidates: options.candidates, seed: options.seed });
      return upload(`/api/projects/${encodeURIComponent(projectId)}/imports?${query}`, file, setProgress);
    },
    onSettled: () => {
      setProgress({ phase: "idle" });
      return Promise.all([
        qc.invalidateQueries({ queryKey: importKeys.project(projectId) }),
        qc.invalidateQueries({ queryKey: projectKeys.all }),
        qc.invalidateQueries({ queryKey: dashboardKeys.all }),
      ]);
    },
  });
  const reset = useCallback(() => mutation.reset(), [mutation]);
  return { ...mutation, progress, reset };
}
