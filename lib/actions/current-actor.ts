// Who the audit log names for a change made from this browser. Lookout has no sign-in yet, so every
// change is the operator's; sign-in replaces this one function with the signed-in user.
export async function getCurrentActor(): Promise<string> {
  return "operator";
}
