"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { SEGMENT_UPLOAD_MAX } from "@/lib/segments/schema";

/**
 * A file the browser reads and posts as a text field (the action decoder takes no file parts): the
 * file picker fills the text area, which may also be typed or pasted into. A file over the limit is
 * refused here with the same message the server would give.
 */
export function TextFileInput({ id, name, label, hint, accept, rows = 5, error, defaultValue }: { id: string; name: string; label: string; hint: string; accept: string; rows?: number; error?: string; defaultValue?: string }) {
  const t = useTranslations("segments");
  const [text, setText] = useState(defaultValue ?? "");
  const [fileError, setFileError] = useState<string | null>(null);
  const shownError = fileError ?? error;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-file`} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={`${id}-file`}
        type="file"
        accept={accept}
        className="text-sm file:mr-2 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
        aria-describedby={`${id}-hint`}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          if (file.size > SEGMENT_UPLOAD_MAX) {
            setFileError(t("validation.fileTooLarge"));
            return;
          }
          setFileError(null);
          setText(await file.text());
        }}
      />
      <label htmlFor={id} className="mt-1 text-xs font-medium text-slate-600">
        {t("upload.orPaste")}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={`${id}-hint${shownError ? ` ${id}-error` : ""}`}
        className={`rounded-md border bg-white px-3 py-2 font-mono text-xs shadow-sm ${shownError ? "border-red-500" : "border-slate-300"}`}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </p>
      {shownError ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {shownError}
        </p>
      ) : null}
    </div>
  );
}
