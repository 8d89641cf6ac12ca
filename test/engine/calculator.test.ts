import fc from "fast-check";
import { decimalOfNumber, numberCalculator } from "../../src/engine/calculator";
import { Decimal } from "../../src/engine/money";

/** A drawn number as a Decimal (simulation and tornado ends): the same Decimal as `new Decimal(x)`, read lazily. */
describe("decimalOfNumber", () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

  it("is a Decimal equal to new Decimal(x) in every Decimal operation (property)", () => {
    fc.assert(
      fc.property(finite, finite, (x, y) => {
        const lazy = decimalOfNumber(x);
        const real = new Decimal(x);
        expect(lazy).toBeInstanceOf(Decimal);
        expect(lazy.toString()).toBe(real.toString());
        expect(lazy.plus(y).toString()).toBe(real.plus(y).toString());
        expect(lazy.times(y).toString()).toBe(real.times(y).toString());
        expect(lazy.comparedTo(y)).toBe(real.comparedTo(y));
        expect(new Decimal(y).minus(lazy).toString()).toBe(new Decimal(y).minus(real).toString());
        expect(new Decimal(lazy).eq(real)).toBe(true);
        expect(Object.is(lazy.toNumber(), real.toNumber())).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("is read by the number backend as the number itself", () => {
    fc.assert(fc.property(finite, (x) => Object.is(numberCalculator.fromDecimal(decimalOfNumber(x)), x)));
  });

  it("works out its digits in the engine's precision (40 significant digits)", () => {
    expect(decimalOfNumber(1).div(3).toString()).toBe(new Decimal(1).div(3).toString());
    expect(decimalOfNumber(2).sqrt().toString()).toBe(new Decimal(2).sqrt().toString());
  });
});
