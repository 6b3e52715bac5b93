//! Every library function and system call, called with hostile arguments (-1, 0, INT_MIN,
//! INT_MAX, SIZE_MAX, NULL, unmapped, read-only, kernel and misaligned pointers, closed
//! and out-of-range descriptors), ends as a Linux program would (a value and errno, or a
//! signal), never with a panic of the machine; each run halts.

use proptest::prelude::*;

use proclab_cc::codegen::library_functions;
use proclab_course::robustness;

/// Arguments a mistaken program passes.
const HOSTILE: &[&str] = &[
    "-1",
    "0",
    "-2147483648",
    "2147483647",
    "(unsigned long) -1",
    "(void *) 0",
    "buf",
    "buf + 1",
    "(char *) \"read-only\"",
    "(void *) 16",
    "(void *) 0xffff800000000000",
    "(void *) main",
    "3",
    "1000",
];

/// A program that calls `name` with these arguments, then prints.
fn program(name: &str, args: &[&str]) -> String {
    format!(
        "#include <stdio.h>\nint main(void) {{\n    char buf[64];\n    {name}({});\n    \
         printf(\"returned\\n\");\n    return 0;\n}}\n",
        args.join(", ")
    )
}

/// How many arguments to pass `name`: its own number, or two for a variadic one.
fn arity(count: Option<usize>) -> usize {
    count.unwrap_or(2)
}

#[test]
fn every_library_function_survives_each_hostile_argument_in_every_position() {
    let functions: Vec<(&str, Option<usize>)> = library_functions().collect();
    assert!(functions.len() > 80, "the library went missing");
    for (name, count) in functions {
        for hostile in HOSTILE {
            let args = vec![*hostile; arity(count)];
            robustness::engine_run(program(name, &args).as_bytes());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_mix_of_hostile_arguments_ends_as_a_program_would(
        function in any::<prop::sample::Index>(),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 6),
    ) {
        let functions: Vec<(&str, Option<usize>)> = library_functions().collect();
        let (name, count) = functions[function.index(functions.len())];
        let args: Vec<&str> = picks
            .iter()
            .take(arity(count))
            .map(|p| HOSTILE[p.index(HOSTILE.len())])
            .collect();
        robustness::engine_run(program(name, &args).as_bytes());
    }
}
