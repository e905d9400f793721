"use client";

// Replaces the root layout when it fails itself, so it cannot rely on the i18n provider: both
// languages are shown.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>Something went wrong · 出错了</h1>
        <p>The page could not be shown. Try again. · 页面无法显示，请重试。</p>
        <button type="button" onClick={reset}>
          Try again · 重试
        </button>
      </body>
    </html>
  );
}
