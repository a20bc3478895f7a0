/** The name visitors and colleagues see: the profile's display name, else the account name, else the email's local part. */
export function operatorDisplayName(profile: { displayName: string | null } | null, user: { name: string | null; email: string }): string {
  return profile?.displayName?.trim() || user.name?.trim() || user.email.split("@")[0] || user.email;
}
