/** Runs fn over items with at most n calls in flight; rejects with the first error (the rest keep running). */
export async function enParalelo<T>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let siguiente = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (siguiente < items.length) {
        const i = siguiente++;
        await fn(items[i], i);
      }
    }),
  );
}
