import { asegurarChromium, CHROMIUM_POR_OMISION, decidirChromium } from './chromium';

describe('Chromium for the browser test', () => {
  const en =
    (...rutas: string[]) =>
    (r: string) =>
      rutas.includes(r);

  it('uses PREP_CHROMIUM when it exists, and never installs in its place when it does not', () => {
    expect(decidirChromium({ PREP_CHROMIUM: '/opt/chrome/chrome' }, en('/opt/chrome/chrome'), false)).toEqual({ tipo: 'listo', ruta: '/opt/chrome/chrome' });
    const d = decidirChromium({ PREP_CHROMIUM: '/opt/falta' }, en(CHROMIUM_POR_OMISION), true);
    expect(d).toMatchObject({ tipo: 'error', mensaje: expect.stringContaining('PREP_CHROMIUM=/opt/falta no existe') });
  });

  it("uses Debian's /usr/bin/chromium when installed; installs it as root; otherwise says how, in Spanish", () => {
    expect(decidirChromium({}, en(CHROMIUM_POR_OMISION), false)).toEqual({ tipo: 'listo', ruta: CHROMIUM_POR_OMISION });
    expect(decidirChromium({ PREP_CHROMIUM: ' ' }, en(), true)).toEqual({ tipo: 'instalar', ruta: CHROMIUM_POR_OMISION });
    const d = decidirChromium({}, en(), false);
    expect(d.tipo).toBe('error');
    expect(d.tipo === 'error' && d.mensaje).toMatch(
      /no se encontró Chromium en \/usr\/bin\/chromium: instálelo como root con 'apt-get install chromium'.*PREP_CHROMIUM/,
    );
  });

  it('as root without Chromium: apt-get update, then install the package with fonts, then the path', () => {
    const instalado = new Set<string>();
    const ordenes: string[] = [];
    const ruta = asegurarChromium({
      entorno: {},
      esRoot: true,
      existe: (r) => instalado.has(r),
      ejecutar: (c, args, o) => {
        ordenes.push([c, ...args].join(' '));
        if (args.includes('install')) {
          expect(o.env?.DEBIAN_FRONTEND).toBe('noninteractive');
          instalado.add(CHROMIUM_POR_OMISION);
        }
      },
    });
    expect(ruta).toBe(CHROMIUM_POR_OMISION);
    expect(ordenes).toEqual(['apt-get update -q', 'apt-get install -y -q chromium fonts-dejavu-core fonts-liberation']);
  });

  it('fails clearly when the package installed no binary, and runs nothing when not root', () => {
    expect(() => asegurarChromium({ entorno: {}, esRoot: true, existe: () => false, ejecutar: () => undefined })).toThrow(
      /se instaló el paquete chromium pero no apareció \/usr\/bin\/chromium/,
    );
    const ejecutar = jest.fn();
    expect(() => asegurarChromium({ entorno: {}, esRoot: false, existe: () => false, ejecutar })).toThrow(/instálelo como root/);
    expect(ejecutar).not.toHaveBeenCalled();
  });
});
