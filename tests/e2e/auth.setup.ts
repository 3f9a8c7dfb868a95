import { expect, test as setup } from "@playwright/test";
import { E2E_OPERATOR_PASSWORD, E2E_OPERATOR_STATE } from "./ports";

setup("sign in as the operator", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Password").fill(E2E_OPERATOR_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Vendor health" })).toBeVisible();
  await page.context().storageState({ path: E2E_OPERATOR_STATE });
});
