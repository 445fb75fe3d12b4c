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
 * Per-message state for reading one reply. `resolve` turns cereal's pointer encodings into plain
 * values: a polymorphic object becomes its data plus `$class` (the registered C++ class name), a
 * back-reference (`{"id": n}` without data) becomes the object first read under id n, a null
 * unique_ptr becomes null, and `cereal_class_version` keys are dropped.
 */
export class CerealReader {
  readonly #names = new Map<number, string>();
  readonly #pointers = new Map<number, Json>();

  resolve(value: Json, where: string): Json {
    if (Array.isArray(value)) return value.map((item, i) => this.resolve(item, `${where}[${i}]`));
    if (typeof value !== 'object' || value === null) return value;
    if ('polymorphic_id' in value) return this.#polymorphic(value, where);
    if ('ptr_wrapper' in value) return this.#pointer(value.ptr_wrapper, where, undefined);
    const out: JsonObject = {};
    for (const key in value) {
      if (key !== 'cereal_class_version') out[key] = this.resolve(value[key]!, `${where}.${key}`);
    }
    return out;
  }

  #polymorphic(value: JsonObject, where: string): Json {
    const id = value.polymorphic_id;
    if (typeof id !== 'number') throw new CerealError(`${where}.polymorphic_id: expected a number`);
    let name: string | undefined;
    if (id & FIRST) {
      name = field(value, 'polymorphic_name', where, 'string') as string;
      this.#names.set((id & ~FIRST) >>> 0, name);
    } else if (!(id & MSB2)) {
      // MSB2 marks a pointer whose dynamic type is its static type: no name is written.
      name = this.#names.get(id);
      if (name === undefined) throw new CerealError(`${where}: polymorphic_id ${id} was never named in this message`);
    }
    return this.#pointer(field(value, 'ptr_wrapper', where, 'object'), where, name);
  }

  #pointer(wrapper: Json, where: string, cls: string | undefined): Json {
    const w = asObject(wrapper, `${where}.ptr_wrapper`);
    if ('valid' in w) {
      // unique_ptr: never shared, so never a back-reference.
      return w.valid ? this.#data(w.data!, where, cls) : null;
    }
    const id = field(w, 'id', where, 'number') as number;
    if (id & FIRST) {
      const data = this.#data(w.data!, where, cls);
      this.#pointers.set((id & ~FIRST) >>> 0, data);
      return data;
    }
    const earlier = this.#pointers.get(id);
    if (earlier === undefined) throw new CerealError(`${where}: back-reference to unknown pointer id ${id}`);
    return earlier;
  }

  #data(data: Json, where: string, cls: string | undefined): Json {
    const resolved = asObject(this.resolve(asObject(data, `${where}.data`), where), where);
    return cls === undefined ? resolved : { $class: cls, ...resolved };
  }
}

const MSB2 = 0x40000000;

/** Raised for JSON that does not have the shape a class requires; the message names the field. */
export class CerealError extends Error {
  override name = 'CerealError';
}

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** A required field of the given JSON kind; the error names the object and the field. */
export function field(o: JsonObject, key: string, where: string, kind: Kind): Json {
  const v = o[key];
  const actual = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
  if (actual !== kind) {
    throw new CerealError(v === undefined ? `${where}: missing field ${key}` : `${where}.${key}: expected ${kind}, got ${actual}`);
  }
  return v!;
}

export function asObject(value: Json, where: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CerealError(`${where}: expected an object`);
  return value;
}
