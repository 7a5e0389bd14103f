package org.latentatlas.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferenceTest {

  private static final Reference MAP =
      Reference.paper(0.9, Reference.Direction.HIGHER_IS_BETTER, "");
  private static final Reference RANK =
      Reference.paper(2.0, Reference.Direction.LOWER_IS_BETTER, "");
  private static final Reference SECONDS =
      Reference.measurement(0.02, Reference.Direction.LOWER_IS_BETTER, "PyTorch");
  private static final Reference RADIUS =
      Reference.requirement(15, Reference.Direction.HIGHER_IS_BETTER, "").atEveryScale();
  private static final Reference ACCURACY =
      Reference.requirement(0.95, Reference.Direction.HIGHER_IS_BETTER, "");

  @Test
  void paperVerdictsAtFullScale() {
    assertEquals("matches", MAP.verdict(0.905, Scale.FULL));
    assertEquals("better", MAP.verdict(0.95, Scale.FULL));
    assertEquals("worse", MAP.verdict(0.8, Scale.FULL));
    assertEquals("better", RANK.verdict(1.5, Scale.FULL));
    assertEquals("worse", RANK.verdict(2.5, Scale.FULL));
    assertEquals("missing", RANK.verdict(null, Scale.FULL));
    assertEquals("missing", RANK.verdict(Double.NaN, Scale.FULL));
  }

  @Test
  void measurementVerdictsAtFullScale() {
    assertEquals(Reference.Source.MEASUREMENT, SECONDS.source());
    assertEquals("measurement", SECONDS.source().label());
    assertEquals("matches", SECONDS.verdict(0.0201, Scale.FULL));
    assertEquals("better", SECONDS.verdict(0.018, Scale.FULL));
    assertEquals("worse", SECONDS.verdict(0.03, Scale.FULL));
  }

  @Test
  void requirementVerdicts() {
    assertEquals("meets", RADIUS.verdict(15.0, Scale.FULL));
    assertEquals("meets", RADIUS.verdict(23.2, Scale.FULL));
    assertEquals("fails", RADIUS.verdict(14.8, Scale.FULL));
    assertEquals("fails", ACCURACY.verdict(0.9, Scale.FULL));
    assertTrue(Reference.isWorse("fails"));
    assertTrue(Reference.isWorse("worse"));
    assertTrue(Reference.isWorse("missing"));
    assertFalse(Reference.isWorse("matches"));
  }

  @Test
  void paperScaleReferencesAreNotComparableAtSmokeScaleWhateverOurValue() {
    for (Reference ref : new Reference[] {MAP, RANK, SECONDS, ACCURACY}) {
      assertFalse(ref.appliesAtSmoke(), ref.toString());
      for (Double ours : new Double[] {0.0, 0.9, 100.0, Double.NaN, null}) {
        String verdict = ref.verdict(ours, Scale.SMOKE);
        assertEquals(Reference.NOT_COMPARABLE, verdict, ref + " vs " + ours);
        assertFalse(Reference.isWorse(verdict));
        assertFalse(Reference.isComparable(verdict));
      }
    }
    assertEquals("smoke: not comparable", Reference.NOT_COMPARABLE);
  }

  @Test
  void aReferenceMarkedForEveryScaleKeepsItsVerdictAtSmokeScale() {
    assertTrue(RADIUS.appliesAtSmoke());
    assertEquals("meets", RADIUS.verdict(23.2, Scale.SMOKE));
    assertEquals("fails", RADIUS.verdict(12.2, Scale.SMOKE));
    assertEquals("missing", RADIUS.verdict(null, Scale.SMOKE));
    assertTrue(Reference.isComparable("fails"));
    Reference marked = MAP.atEveryScale();
    assertEquals("worse", marked.verdict(0.8, Scale.SMOKE));
    assertEquals(MAP.value(), marked.value(), 0.0);
    assertEquals(MAP.source(), marked.source());
    assertEquals(MAP.direction(), marked.direction());
    assertEquals(MAP.note(), marked.note());
  }

  @Test
  void theFourArgumentConstructorIsPaperScale() {
    Reference r =
        new Reference(1, Reference.Source.REQUIREMENT, Reference.Direction.LOWER_IS_BETTER, null);
    assertFalse(r.appliesAtSmoke());
    assertEquals("", r.note());
  }

  @Test
  void rejectsNonFiniteReference() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Reference(
                Double.NaN, Reference.Source.PAPER, Reference.Direction.LOWER_IS_BETTER, ""));
  }
}
