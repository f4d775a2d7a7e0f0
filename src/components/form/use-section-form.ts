import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Resolver } from 'react-hook-form';
import type { z } from 'zod';

interface SectionFormOptions<T extends FieldValues> {
  /** The part of ScenarioSchema this form edits: one source of truth for rules and messages. */
  schema: z.ZodType<T, FieldValues>;
  /** The section's current value in the store. */
  value: T;
  /** Called with every valid state of the form, and the field that changed. */
  onValid: (next: T, field: string) => void;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A react-hook-form form over one section of the scenario, seeded from the
 * store. Every change that passes the schema goes to the store at once (the
 * quote re-prices); a change that does not shows its message at the field and
 * leaves the store, and so the rest of the scenario, untouched. When the store
 * changes from elsewhere (undo, redo, opening a file) the form follows it.
 */
export function useSectionForm<T extends FieldValues>({
  schema,
  value,
  onValid,
}: SectionFormOptions<T>) {
  const form = useForm<T>({
    resolver: zodResolver(schema as never) as unknown as Resolver<T>,
    mode: 'onChange',
    defaultValues: value as DefaultValues<T>,
  });
  const latest = useRef({ schema, onValid, value });
  latest.current = { schema, onValid, value };

  useEffect(() => {
    const subscription = form.watch((values, { name }) => {
      const parsed = latest.current.schema.safeParse(values);
      // a reset to the store's own value (after undo or redo) echoes here: not an edit
      if (parsed.success && !same(parsed.data, latest.current.value)) {
        latest.current.onValid(parsed.data, name ?? '');
      }
    });
    return () => subscription.unsubscribe();
  }, [form]);

  useEffect(() => {
    const parsed = schema.safeParse(form.getValues());
    if (!parsed.success || !same(parsed.data, value)) form.reset(value);
  }, [form, schema, value]);

  return form;
}
