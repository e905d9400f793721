/** What the end-to-end server and the service test share: where mail goes, how telephony signs. */
const PORT = Number(process.env.E2E_PORT ?? 3100);

/** The SMTP receiver tests/e2e/service.spec.ts starts; the server sends its mail there. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 1000);
export const E2E_CTI_SECRET = "e2e-cti-secret";
