import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a request, flow step or poll carries down to the upstream calls it makes, without every function passing it
 * along: who the calls are for (src/auth/call-context.ts), the request's ID and counters
 * (src/observability/request-scope.ts) and its rate-budget class (src/budget/call-budget.ts). One AsyncLocalStorage
 * holds all three as slots: Node copies each store onto every promise a request creates, so one store instead of
 * three is a third of that work (it was about 6 % of a `site(id:)` request's CPU with three).
 */
type Slots = Readonly<Record<symbol, unknown>>;

const storage = new AsyncLocalStorage<Slots>();

/** One value carried by the ambient store; setting it in `run` keeps the other slots' values. */
export class AmbientSlot<T> {
  private readonly key: symbol;

  constructor(name: string) {
    this.key = Symbol(name);
  }

  /** Runs `fn` with `value` in this slot (for everything it awaits, too); the other slots keep their values. */
  run<R>(value: T, fn: () => R): R {
    const current = storage.getStore();
    return storage.run(current ? { ...current, [this.key]: value } : { [this.key]: value }, fn);
  }

  /** The slot's value; undefined outside a `run` of it. */
  get(): T | undefined {
    return storage.getStore()?.[this.key] as T | undefined;
  }
}
