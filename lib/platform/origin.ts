/**
 * Where the app says it is reachable, for links that leave it (the setup link in the log, the CSAT
 * link in a mail): NEXTAUTH_URL when configured (it must be the public URL for sign-in anyway), else
 * the local server.
 */
export function publicOrigin(): string {
  const configured = process.env.NEXTAUTH_URL ?? process.env.__NEXT_PRIVATE_ORIGIN;
  return (configured ?? `http://localhost:${process.env.PORT ?? "3000"}`).replace(/\/+$/, "");
}
