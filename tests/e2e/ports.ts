export const E2E_APP_PORT = 3917;
export const E2E_SIMULATOR_PORT = 4917;
export const E2E_CRON_SECRET = "e2e-cron-secret-0f5a";
export const simulatorControl = `http://127.0.0.1:${E2E_SIMULATOR_PORT}/_control`;
