/**
 * The conventions of cereal's JSON archive as ecFlow 5 uses them (see ecflow-protocol.md §2): a
 * versioned type writes `cereal_class_version` only on its first occurrence in a message, and
 * polymorphic and shared pointers carry per-message ids whose first use has the high bit set.
 */

const FIRST = 0x80000000;
/** A JSON value as cereal's archive writes and reads it; the key order of objects is part of the protocol. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object; its key order is part of the protocol. */
export type JsonObject = { [key: string]: Json };

/**
 * Per-message state for writing one request: which versioned types and polymorphic classes the
 * message has already written, so that later occurrences are written in cereal's short form.
 */
export class CerealWriter {
  readonly #versioned = new Set<string>();
  readonly #polymorphicIds = new Map<string, number>();
  #nextPolymorphicId = 1;
  #nextPointerId = 1;

  /** `{cereal_class_version: 0}` the first time `type` is written in this message, else `{}`. */
  version(type: string): JsonObject {
    if (this.#versioned.has(type)) return {};
    this.#versioned.add(type);
    return { cereal_class_version: 0 };
  }

  /** A `shared_ptr<Base>` to an object of class `name`; `data` is built after the ids are taken. */
  polymorphic(name: string, data: () => JsonObject): JsonObject {
    const known = this.#polymorphicIds.get(name);
    const head: JsonObject = {};
    if (known === undefined) {
      const id = this.#nextPolymorphicId++;
      this.#polymorphicIds.set(name, id);
      head.polymorphic_id = (id | FIRST) >>> 0;
      head.polymorphic_name = name;
    } else {
      head.polymorphic_id = known;
    }
    head.ptr_wrapper = this.#pointer(data);
    return head;
  }

  #pointer(data: () => JsonObject): JsonObject {
    const id = (this.#nextPointerId++ | FIRST) >>> 0;
    return { id, data: data() };
  }
}

/**
 * Where a value is in a message: a name, or a member of an outer value. Put into words only for
 * an error: a sync's reply has a location per object, and building each as text cost more than
 * reading the reply.
 */
export type Where = string | { readonly up: Where; readonly key: string | number };

/** `where` as an error names it: `stc_cmd_.vec_[2].flag_`. */
export function whereText(where: Where): string {
  if (typeof where === 'string') return where;
  const up = whereText(where.up);
  return typeof where.key === 'number' ? `${up}[${where.key}]` : `${up}.${where.key}`;
}

/**
 * Per-message state for reading one reply. `resolve` turns cereal's pointer encodings into plain
 * values: a polymorphic object becomes its data plus `$class` (the registered C++ class name), a
 * back-reference (`{"id": n}` without data) becomes the object first read under id n, a null
 * unique_ptr becomes null, and `cereal_class_version` keys are dropped.
 */
export class CerealReader {
  readonly #names = new Map<number, string>();
  readonly #pointers = new Map<number, Json>();

  resolve(value: Json, where: Where): Json {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      const out: Json[] = new Array<Json>(value.length);
      for (let i = 0; i < value.length; i++) {
        const item = value[i]!;
        out[i] = typeof item === 'object' && item !== null ? this.resolve(item, { up: where, key: i }) : item;
      }
      return out;
    }
    if ('polymorphic_id' in value) return this.#polymorphic(value, where);
    if ('ptr_wrapper' in value) return this.#pointer(value.ptr_wrapper, where, undefined);
    return this.#members(value, where, undefined);
  }

  /** The members of an object, resolved, after `$class` when it has one. */
  #members(value: JsonObject, where: Where, cls: string | undefined): JsonObject {
    const out: JsonObject = cls === undefined ? {} : { $class: cls };
    for (const key in value) {
      if (key === 'cereal_class_version') continue;
      const v = value[key]!;
      out[key] = typeof v === 'object' && v !== null ? this.resolve(v, { up: where, key }) : v;
    }
    return out;
  }

  #polymorphic(value: JsonObject, where: Where): Json {
    const id = value.polymorphic_id;
    if (typeof id !== 'number') throw new CerealError(`${whereText(where)}.polymorphic_id: expected a number`);
    let name: string | undefined;
    if (id & FIRST) {
      name = field(value, 'polymorphic_name', where, 'string') as string;
      this.#names.set((id & ~FIRST) >>> 0, name);
    } else if (!(id & MSB2)) {
      name = this.#names.get(id);
      if (name === undefined) throw new CerealError(`${whereText(where)}: polymorphic_id ${id} was never named in this message`);
    }
    return this.#pointer(field(value, 'ptr_wrapper', where, 'object'), where, name);
  }

  #pointer(wrapper: Json, where: Where, cls: string | undefined): Json {
    const w = asObject(wrapper, { up: where, key: 'ptr_wrapper' });
    if ('valid' in w) {
      return w.valid ? this.#data(w.data!, where, cls) : null;
    }
    const id = field(w, 'id', where, 'number') as number;
    if (id & FIRST) {
      const data = this.#data(w.data!, where, cls);
      this.#pointers.set((id & ~FIRST) >>> 0, data);
      return data;
    }
    const earlier = this.#pointers.get(id);
    if (earlier === undefined) throw new CerealError(`${whereText(where)}: back-reference to unknown pointer id ${id}`);
    return earlier;
  }

  #data(data: Json, where: Where, cls: string | undefined): Json {
    const value = asObject(data, { up: where, key: 'data' });
    // Data that is itself a pointer's encoding is read as resolve reads any value.
    if ('polymorphic_id' in value || 'ptr_wrapper' in value) return asObject(this.resolve(value, where), where);
    return this.#members(value, where, cls);
  }
}

const MSB2 = 0x40000000;

/** Raised for JSON that does not have the shape a class requires; the message names the field. */
export class CerealError extends Error {
  override name = 'CerealError';
}

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** A required field of the given JSON kind; the error names the object and the field. */
export function field(o: JsonObject, key: string, where: Where, kind: Kind): Json {
  const v = o[key];
  const actual = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
  if (actual !== kind) {
    throw new CerealError(v === undefined ? `${whereText(where)}: missing field ${key}` : `${whereText(where)}.${key}: expected ${kind}, got ${actual}`);
  }
  return v!;
}

export function asObject(value: Json, where: Where): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CerealError(`${whereText(where)}: expected an object`);
  return value;
}
