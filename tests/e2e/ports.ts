export const E2E_APP_PORT = 3917;
export const E2E_SIMULATOR_PORT = 4917;
export const E2E_CRON_SECRET = "e2e-cron-secret-0f5a";
export const simulatorControl = `http://127.0.0.1:${E2E_SIMULATOR_PORT}/_control`;
export const E2E_OPERATOR_PASSWORD = "e2e-operator-password-7c21";
// Short, so the rate-limit spec can wait out a lockout; long enough that ten failed sign-ins fit in it on a busy machine.
export const E2E_SIGNIN_WINDOW_SECONDS = 15;
export const E2E_SERVER_LOG = "test-results/e2e-server.log";
/** Cookies of the operator session the page specs run in (written by auth.setup.ts). */
export const E2E_OPERATOR_STATE = "test-results/e2e/operator-state.json";
