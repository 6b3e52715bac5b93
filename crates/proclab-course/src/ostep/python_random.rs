//! Python's `random` as OSTEP's homework scripts use it, so the same `-s` poses the same
//! problem as the originals: `random.seed(n)` for an integer (the Mersenne Twister seeded by
//! `init_by_array` over the 32-bit words of `abs(n)`, as CPython does) and
//! `random.random()` (53 bits from two outputs), with the scripts' own helpers on top.

use rand_mt::Mt;

use super::python_int::PyInt;

/// Python's random number generator, seeded as `random.seed(seed)` seeds it.
pub struct PythonRandom(Mt);

impl PythonRandom {
    /// `random.seed(seed)` for an integer seed (what the scripts' `random_seed` does in
    /// Python 3, whose `version=1` only changes how strings seed).
    pub fn seed(seed: &PyInt) -> Self {
        let words = seed.magnitude_words();
        let key = if words.is_empty() { &[0][..] } else { words };
        PythonRandom(Mt::new_with_key(key.iter().copied()))
    }

    /// What fork.py and generator.py seed with: `-s` unless it is -1, the scripts' "leave
    /// the generator unseeded" (a new problem at every run), for which ProcLab, whose runs
    /// reproduce, uses 0.
    pub fn for_script_seed(seed: &PyInt) -> Self {
        if *seed == PyInt::from(-1) {
            Self::seed(&PyInt::from(0))
        } else {
            Self::seed(seed)
        }
    }

    /// `random.random()`: a float in [0, 1) with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = self.0.next_u32() >> 5;
        let b = self.0.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// The scripts' `random_randint(low, hi)`: `int(low + random.random() * (hi - low + 1))`.
    pub fn randint(&mut self, low: i64, high: i64) -> i64 {
        (low as f64 + self.random() * (high - low + 1) as f64) as i64
    }

    /// The index `random_choice(L)` picks in a list of `len` items (`len` > 0).
    pub fn choice(&mut self, len: usize) -> usize {
        self.randint(0, len as i64 - 1) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_outputs_are_cpythons_for_each_seed() {
        // Printed by CPython 3.11: random.seed(s); [random.random() for _ in range(3)].
        let cpython: [(i64, [f64; 3]); 7] = [
            (
                0,
                [0.8444218515250481, 0.7579544029403025, 0.420571580830845],
            ),
            (
                1,
                [0.13436424411240122, 0.8474337369372327, 0.763774618976614],
            ),
            (
                3,
                [0.23796462709189137, 0.5442292252959519, 0.36995516654807925],
            ),
            (
                10,
                [0.5714025946899135, 0.4288890546751146, 0.5780913011344704],
            ),
            (
                12345,
                [
                    0.41661987254534116,
                    0.010169169457068361,
                    0.8252065092537432,
                ],
            ),
            (
                4_294_967_301,
                [0.15727238718789782, 0.2824866316461999, 0.6044540318498407],
            ),
            (
                -7,
                [0.32383276483316237, 0.15084917392450192, 0.6509344730398537],
            ),
        ];
        for (seed, expected) in cpython {
            let mut r = PythonRandom::seed(&seed.into());
            let got = [r.random(), r.random(), r.random()];
            assert_eq!(got, expected, "seed {seed}");
        }
    }

    #[test]
    fn seeds_past_64_bits_draw_what_cpython_draws() {
        // Printed by CPython 3.11, as above.
        for (seed, expected) in [
            (
                "99999999999999999999",
                [0.4899983975128377, 0.21074077344856224, 0.9639282084222377],
            ),
            (
                "-1267650600228229401496703205381",
                [0.7033503239395905, 0.9851952005245675, 0.03063164465720125],
            ),
        ] {
            let mut r = PythonRandom::seed(&PyInt::optparse(seed).unwrap());
            assert_eq!(
                [r.random(), r.random(), r.random()],
                expected,
                "seed {seed}"
            );
        }
    }

    #[test]
    fn randint_and_choice_stay_in_their_range() {
        let mut r = PythonRandom::seed(&5.into());
        for _ in 0..1000 {
            assert!((1..=10).contains(&r.randint(1, 10)));
            assert!(r.choice(3) < 3);
        }
    }
}
