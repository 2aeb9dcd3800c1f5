import * as fc from 'fast-check';
import { compareText, renderEgressAllowList, renderZeroTrustNamespace } from '../../lib/core/internal';

/**
 * Runs `render` as on a machine whose locale is Lithuanian, where "y" sorts between "i" and "j": what
 * `localeCompare` without a locale does there.
 */
function asInLithuania<T>(render: () => T): T {
  const original = String.prototype.localeCompare;
  const lithuanian = new Intl.Collator('lt');
  String.prototype.localeCompare = function (this: string, that: string, locales?: string | string[], options?: Intl.CollatorOptions) {
    return locales === undefined ? lithuanian.compare(this, that) : original.call(this, that, locales, options);
  };
  try {
    return render();
  } finally {
    String.prototype.localeCompare = original;
  }
}

const namespaceWith = (names: readonly string[]) => () => renderZeroTrustNamespace(
  {
    workloads: names.map((name) => ({ name, serviceAccount: name })),
    calls: names.map((name, i) => ({ from: names[(i + 1) % names.length], to: name })),
    egress: names.map((name) => ({ workload: name, hosts: [`${name}.example.com`, 'shared.example.com'] })),
    networkPolicy: true,
  },
  { path: 'app/shop', defaultName: 'shop' },
);

describe('output order', () => {
  test('compareText orders by code units, as sort() does, whatever the locale', () => {
    expect(['svc-y', 'svc-j', 'svc-i'].sort(compareText)).toEqual(['svc-i', 'svc-j', 'svc-y']);
    expect(['b', 'a', 'B'].sort(compareText)).toEqual(['B', 'a', 'b']);
    fc.assert(fc.property(fc.array(fc.string()), (texts) => {
      expect([...texts].sort(compareText)).toEqual([...texts].sort());
    }));
  });

  test('a namespace comes out the same under any locale', () => {
    const names = ['svc-y', 'svc-j', 'svc-i'];
    const rendered = namespaceWith(names)();
    expect(asInLithuania(namespaceWith(names))).toEqual(rendered);
    const sidecars = rendered.manifests.filter((m) => m.kind === 'Sidecar').map((m) => m.metadata.name);
    expect(sidecars).toEqual(['default', 'svc-i', 'svc-j', 'svc-y']);
  });

  test('namespaces and allow-lists of any names come out the same under any locale', () => {
    const name = fc.stringMatching(/^[ijky]{1,4}$/);
    fc.assert(fc.property(fc.uniqueArray(name, { minLength: 2, maxLength: 5 }), (names) => {
      expect(asInLithuania(namespaceWith(names))).toEqual(namespaceWith(names)());
      const list = () => renderEgressAllowList({ namespace: 'shop', hosts: names.map((n) => `${n}.example.com`) }, { path: 'app/egress' });
      expect(asInLithuania(list)).toEqual(list());
    }));
  });
});
