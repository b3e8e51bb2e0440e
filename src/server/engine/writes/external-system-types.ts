// ET's kinds of external system, as far as the answers about a system show them: the short name ET puts
// before a system's name (QualifiedName "Jira: Catch Demo Jira") and in a schedule's Description, and how it
// connects (a REST service at the Url the settings give, or a database). Each kind's Name and Categories are
// data (ExternalSystemType records); only these two facts are not.
export interface ExternalSystemKind {
  shortName: string;
  connection: 'Rest' | 'Database';
}

const KINDS: Record<string, ExternalSystemKind> = {
  JIRA: { shortName: 'Jira', connection: 'Rest' },
  RALLY: { shortName: 'Rally', connection: 'Rest' },
  TFS: { shortName: 'TFS', connection: 'Rest' },
  EA: { shortName: 'Enterprise Architect', connection: 'Database' },
};

/** The kind of an external system by its Type ("JIRA"); a type ET does not list here connects over REST. */
export function externalSystemKind(type: unknown): ExternalSystemKind | undefined {
  return typeof type === 'string' ? KINDS[type.toUpperCase()] : undefined;
}

/** What a system's settings (FieldValues) connect to: the REST Url, or a database's connection string. */
export function connectionOf(kind: ExternalSystemKind['connection'], settings: Record<string, unknown>): string | null {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  if (kind === 'Rest') return text(settings.Url) ?? null;
  const given = text(settings.ConnectionString);
  if (given) return given;
  const server = text(settings.Server);
  const database = text(settings.Database);
  return server && database ? `Server=${server};Database=${database}` : null;
}
