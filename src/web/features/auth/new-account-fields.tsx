import { createWorkspaceSchema, passwordSchema } from '../../../schemas/workspaces.schemas.ts'
import { SecretField, type SecretFieldProps, TextField, type TextFieldProps } from './auth-form.tsx'

// Kept apart from auth-form.tsx: these read the shared schemas (zod), which the sign-in page,
// the first page most people load, has no need of.

/** What is wrong with a new password, in the API's words (undefined when it will do). */
export const passwordProblem = (password: string): string | undefined =>
  passwordSchema.safeParse(password).error?.issues[0]?.message

/** Whether the API will take this as a workspace's name. */
export const workspaceNameOk = (name: string): boolean =>
  createWorkspaceSchema.shape.name.safeParse(name).success

/** A new password: the shared rule said as soon as something is typed. */
export function NewPasswordField({ label = 'Password', ...props }: SecretFieldProps) {
  return (
    <SecretField
      label={label}
      autoComplete="new-password"
      description="At least 10 characters."
      required
      error={props.value ? passwordProblem(props.value) : undefined}
      {...props}
    />
  )
}

/** The name of a workspace to create. */
export function WorkspaceNameField(props: TextFieldProps) {
  return <TextField label="Workspace name" placeholder="Acme Wines" required {...props} />
}

/** The new account's name, as colleagues will see it. */
export function PersonNameField(props: TextFieldProps) {
  return <TextField label="Name" autoComplete="name" required {...props} />
}
