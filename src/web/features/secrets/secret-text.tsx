import { Text } from '@mantine/core'

/**
 * A secret as it was heard: whom it is about first when it is one of the customer's people
 * ("Anna: loves Pinot Noir"), its own line breaks kept, a long word wrapped rather than overflowing.
 * `struck` crosses out one that is outdated.
 */
export function SecretText({
  personName,
  text,
  struck = false,
}: {
  personName: string | null | undefined
  text: string
  struck?: boolean
}) {
  return (
    <Text
      fz="sm"
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      td={struck ? 'line-through' : undefined}
    >
      {personName && (
        <Text component="span" fw={600} fz="sm">
          {personName}:{' '}
        </Text>
      )}
      {text}
    </Text>
  )
}
