import type { FastifyInstance } from 'fastify'

/** A JSON Schema as the OpenAPI document carries it (OpenAPI 3.0: `nullable`). */
export interface Schema {
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  enum?: unknown[]
  nullable?: boolean
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  minItems?: number
  maxItems?: number
  format?: string
  pattern?: string
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
}
export interface Param {
  in: 'path' | 'query'
  name: string
  required?: boolean
  schema: Schema
}
/** One operation of the OpenAPI document: its method (lower case), path (`{id}` style), parameters and JSON body. */
export interface Route {
  method: string
  path: string
  params: Param[]
  body: Schema | undefined
  /** a server-sent event stream: a valid signed-in request stays open by design */
  stream: boolean
}

interface Operation {
  description?: string
  parameters?: Param[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
}

/** Every operation of the app's own OpenAPI document. */
export const routesOf = async (app: FastifyInstance): Promise<Route[]> => {
  const doc = (await app.inject('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, Operation>>
  }
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method,
      path,
      params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
      body: op.requestBody?.content?.['application/json']?.schema,
      stream: String(op.description ?? '').startsWith('text/event-stream'),
    })),
  )
}
