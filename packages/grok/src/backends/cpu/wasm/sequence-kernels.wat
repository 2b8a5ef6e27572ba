;; WebAssembly SIMD kernels of the sequence models (GELU, LayerNorm, attention, bias and row sums),
;; spliced into kernels.wat by scripts/build-wasm.mjs. (F4 c) is shorthand for a v128 of four
;; float32 c, (D2 c) for two float64 c. Every function works on a range of rows (or sequences, or
;; columns) so that any split across threads gives the same bits: no result depends on where a
;; range starts, and the scalar tails use the 4-lane code on a splatted value.

  ;; exp(z) for z in [-87.33654, 88] (the caller clamps): Cephes' expf as in cross_entropy, 2 ulp.
  (func $expz4 (param $z v128) (result v128)
    (local $t v128) (local $n v128) (local $r v128) (local $y v128)
    ;; n = round(z log2 e) by the 1.5 * 2^23 trick: $t keeps n in its low mantissa bits
    (local.set $t (f32x4.add (f32x4.mul (local.get $z) (F4 1.44269504)) (F4 12582912)))
    (local.set $n (f32x4.sub (local.get $t) (F4 12582912)))
    (local.set $r (f32x4.sub (f32x4.sub (local.get $z) (f32x4.mul (local.get $n) (F4 0.693359375)))
      (f32x4.mul (local.get $n) (F4 -2.12194440e-4))))
    (local.set $y (f32x4.add (f32x4.mul (F4 1.9875691500e-4) (local.get $r)) (F4 1.3981999507e-3)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (F4 8.3334519073e-3)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (F4 4.1665795894e-2)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (F4 1.6666665459e-1)))
    (local.set $y (f32x4.add (f32x4.mul (local.get $y) (local.get $r)) (F4 5.0000001201e-1)))
    (local.set $y (f32x4.add (f32x4.add (f32x4.mul (local.get $y) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r)) (F4 1)))
    (f32x4.mul (local.get $y)
      (i32x4.shl (i32x4.add (local.get $t) (v128.const i32x4 -1262485377 -1262485377 -1262485377 -1262485377)) (i32.const 23))))

  ;; e = exp(-2u), u = √(2/π)(x + 0.044715 x³), clamped so that e stays finite and normal.
  ;; GELU(x) = ½x(1 + tanh u) = x σ(2u) = x / (1 + e): no cancellation near tanh u = -1.
  (func $gelu_e (param $x v128) (result v128)
    (call $expz4 (f32x4.min (f32x4.max
      (f32x4.mul (F4 -1.5957691216057308)
        (f32x4.add (local.get $x) (f32x4.mul (F4 0.044715) (f32x4.mul (local.get $x) (f32x4.mul (local.get $x) (local.get $x))))))
      (F4 -87.33654)) (F4 88))))

  (func $gelu4 (param $x v128) (result v128)
    (f32x4.div (local.get $x) (f32x4.add (F4 1) (call $gelu_e (local.get $x)))))

  ;; GELU'(x) = s + x s (1 − s) 2u', s = σ(2u), 1 − s = e s, u' = √(2/π)(1 + 3·0.044715 x²)
  (func $gelu_grad4 (param $x v128) (result v128)
    (local $e v128) (local $s v128)
    (local.set $e (call $gelu_e (local.get $x)))
    (local.set $s (f32x4.div (F4 1) (f32x4.add (F4 1) (local.get $e))))
    (f32x4.mul (local.get $s) (f32x4.add (F4 1)
      (f32x4.mul (f32x4.mul (local.get $x) (f32x4.mul (local.get $e) (local.get $s)))
        (f32x4.mul (F4 1.5957691216057308) (f32x4.add (F4 1) (f32x4.mul (F4 0.134145) (f32x4.mul (local.get $x) (local.get $x)))))))))

  ;; o[i] = GELU(x[i]) for i in [from, to)
  (func (export "gelu_fwd") (param $x i32) (param $o i32) (param $from i32) (param $to i32)
    (local $i i32)
    (local.set $x (i32.add (local.get $x) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $o (i32.add (local.get $o) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $i (local.get $from))
    (block $vd (loop $vl
      (br_if $vd (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $to)))
      (v128.store (local.get $o) (call $gelu4 (v128.load (local.get $x))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $vl)))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_u (local.get $i) (local.get $to)))
      (f32.store (local.get $o) (f32x4.extract_lane 0 (call $gelu4 (v128.load32_splat (local.get $x)))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $sl))))

  ;; o[i] = g[i] GELU'(x[i]) for i in [from, to)
  (func (export "gelu_bwd") (param $x i32) (param $g i32) (param $o i32) (param $from i32) (param $to i32)
    (local $i i32)
    (local.set $x (i32.add (local.get $x) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $g (i32.add (local.get $g) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $o (i32.add (local.get $o) (i32.shl (local.get $from) (i32.const 2))))
    (local.set $i (local.get $from))
    (block $vd (loop $vl
      (br_if $vd (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $to)))
      (v128.store (local.get $o) (f32x4.mul (v128.load (local.get $g)) (call $gelu_grad4 (v128.load (local.get $x)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $vl)))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_u (local.get $i) (local.get $to)))
      (f32.store (local.get $o) (f32.mul (f32.load (local.get $g))
        (f32x4.extract_lane 0 (call $gelu_grad4 (v128.load32_splat (local.get $x))))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (local.set $g (i32.add (local.get $g) (i32.const 4)))
      (local.set $o (i32.add (local.get $o) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $sl))))

  ;; out[r, :] = x[r, :] + bias for rows [r0, r1) of [rows, cols]
  (func (export "bias_add") (param $x i32) (param $b i32) (param $o i32) (param $cols i32) (param $r0 i32) (param $r1 i32)
    (local $r i32) (local $c i32) (local $xp i32) (local $op i32)
    (local.set $r (local.get $r0))
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u (local.get $r) (local.get $r1)))
      (local.set $xp (i32.add (local.get $x) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2))))
      (local.set $op (i32.add (local.get $o) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2))))
      (local.set $c (i32.const 0))
      (block $vd (loop $vl
        (br_if $vd (i32.gt_u (i32.add (local.get $c) (i32.const 4)) (local.get $cols)))
        (v128.store (i32.add (local.get $op) (i32.shl (local.get $c) (i32.const 2)))
          (f32x4.add (v128.load (i32.add (local.get $xp) (i32.shl (local.get $c) (i32.const 2))))
            (v128.load (i32.add (local.get $b) (i32.shl (local.get $c) (i32.const 2))))))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $vl)))
      (block $sd (loop $sl
        (br_if $sd (i32.ge_u (local.get $c) (local.get $cols)))
        (f32.store (i32.add (local.get $op) (i32.shl (local.get $c) (i32.const 2)))
          (f32.add (f32.load (i32.add (local.get $xp) (i32.shl (local.get $c) (i32.const 2))))
            (f32.load (i32.add (local.get $b) (i32.shl (local.get $c) (i32.const 2))))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $sl)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rl))))

  ;; out[c] (+)= Σ_r dy[r, c] for columns [c0, c1), each column summed in float64 from row 0 down
  ;; (the JavaScript kernel's order: the same bits). $buf: (c1 − c0) float64 of scratch.
  (func (export "sum_rows") (param $dy i32) (param $o i32) (param $rows i32) (param $cols i32) (param $c0 i32) (param $c1 i32) (param $acc i32) (param $buf i32)
    (local $r i32) (local $c i32) (local $src i32) (local $bp i32) (local $op i32) (local $s f64)
    (memory.fill (local.get $buf) (i32.const 0) (i32.shl (i32.sub (local.get $c1) (local.get $c0)) (i32.const 3)))
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $src (i32.add (local.get $dy) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c0)) (i32.const 2))))
      (local.set $bp (local.get $buf))
      (local.set $c (local.get $c0))
      (block $vd (loop $vl
        (br_if $vd (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $c1)))
        (v128.store (local.get $bp) (f64x2.add (v128.load (local.get $bp)) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $src)))))
        (local.set $src (i32.add (local.get $src) (i32.const 8)))
        (local.set $bp (i32.add (local.get $bp) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $vl)))
      (if (i32.lt_u (local.get $c) (local.get $c1))
        (then (f64.store (local.get $bp) (f64.add (f64.load (local.get $bp)) (f64.promote_f32 (f32.load (local.get $src)))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rl)))
    (local.set $c (local.get $c0))
    (local.set $bp (local.get $buf))
    (block $od (loop $ol
      (br_if $od (i32.ge_u (local.get $c) (local.get $c1)))
      (local.set $op (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $s (f64.load (local.get $bp)))
      (if (local.get $acc) (then (local.set $s (f64.add (f64.promote_f32 (f32.load (local.get $op))) (local.get $s)))))
      (f32.store (local.get $op) (f32.demote_f64 (local.get $s)))
      (local.set $bp (i32.add (local.get $bp) (i32.const 8)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $ol))))

  ;; LayerNorm of rows [r0, r1) of x [rows, cols], in float64 like the JavaScript kernel (two lanes
  ;; of sums instead of one): mean, rstd = 1/√(var + eps), out = (x − mean) rstd gain + bias.
  (func (export "layer_norm") (param $x i32) (param $g i32) (param $b i32) (param $o i32) (param $mean i32) (param $rstd i32) (param $cols i32) (param $eps f64) (param $r0 i32) (param $r1 i32)
    (local $r i32) (local $c i32) (local $xp i32) (local $op i32) (local $s v128) (local $d v128) (local $mu f64) (local $rho f64)
    (local $muv v128) (local $rhov v128) (local $t f64) (local $v f64)
    (local.set $r (local.get $r0))
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u (local.get $r) (local.get $r1)))
      (local.set $xp (i32.add (local.get $x) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2))))
      (local.set $op (i32.add (local.get $o) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2))))
      ;; mean
      (local.set $s (D2 0))
      (local.set $c (i32.const 0))
      (block $ad (loop $al
        (br_if $ad (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $cols)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $xp) (i32.shl (local.get $c) (i32.const 2)))))))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $al)))
      (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))
      (if (i32.lt_u (local.get $c) (local.get $cols))
        (then (local.set $t (f64.add (local.get $t) (f64.promote_f32 (f32.load (i32.add (local.get $xp) (i32.shl (local.get $c) (i32.const 2)))))))))
      (local.set $mu (f64.div (local.get $t) (f64.convert_i32_u (local.get $cols))))
      (local.set $muv (f64x2.splat (local.get $mu)))
      ;; variance
      (local.set $s (D2 0))
      (local.set $c (i32.const 0))
      (block $bd (loop $bl
        (br_if $bd (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $cols)))
        (local.set $d (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $xp) (i32.shl (local.get $c) (i32.const 2))))) (local.get $muv)))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $d) (local.get $d))))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $bl)))
      (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))
      (if (i32.lt_u (local.get $c) (local.get $cols))
        (then
          (local.set $v (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $xp) (i32.shl (local.get $c) (i32.const 2))))) (local.get $mu)))
          (local.set $t (f64.add (local.get $t) (f64.mul (local.get $v) (local.get $v))))))
      (local.set $rho (f64.div (f64.const 1) (f64.sqrt (f64.add (f64.div (local.get $t) (f64.convert_i32_u (local.get $cols))) (local.get $eps)))))
      (f32.store (i32.add (local.get $mean) (i32.shl (local.get $r) (i32.const 2))) (f32.demote_f64 (local.get $mu)))
      (f32.store (i32.add (local.get $rstd) (i32.shl (local.get $r) (i32.const 2))) (f32.demote_f64 (local.get $rho)))
      (local.set $rhov (f64x2.splat (local.get $rho)))
      ;; out
      (local.set $c (i32.const 0))
      (block $cd (loop $cl
        (br_if $cd (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $cols)))
        (v128.store64_lane 0 (i32.add (local.get $op) (i32.shl (local.get $c) (i32.const 2)))
          (f32x4.demote_f64x2_zero (f64x2.add
            (f64x2.mul (f64x2.mul (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $xp) (i32.shl (local.get $c) (i32.const 2))))) (local.get $muv)) (local.get $rhov))
              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (i32.shl (local.get $c) (i32.const 2))))))
            (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $b) (i32.shl (local.get $c) (i32.const 2))))))))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $cl)))
      (if (i32.lt_u (local.get $c) (local.get $cols))
        (then
          (f32.store (i32.add (local.get $op) (i32.shl (local.get $c) (i32.const 2)))
            (f32.demote_f64 (f64.add
              (f64.mul (f64.mul (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $xp) (i32.shl (local.get $c) (i32.const 2))))) (local.get $mu)) (local.get $rho))
                (f64.promote_f32 (f32.load (i32.add (local.get $g) (i32.shl (local.get $c) (i32.const 2))))))
              (f64.promote_f32 (f32.load (i32.add (local.get $b) (i32.shl (local.get $c) (i32.const 2))))))))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rl))))

  ;; LayerNorm backward of rows [r0, r1), in float64: dx (+)= rstd (dy g − mean(dy g) − x̂ mean(dy g x̂)),
  ;; and this range's dGain = Σ dy x̂, dBias = Σ dy into $part (float64 [2, cols], zeroed here),
  ;; each column summed from row r0 down (the JavaScript kernel's order).
  (func (export "layer_norm_bwd") (param $x i32) (param $g i32) (param $mean i32) (param $rstd i32) (param $dy i32) (param $dx i32) (param $part i32) (param $cols i32) (param $acc i32) (param $r0 i32) (param $r1 i32)
    (local $r i32) (local $c i32) (local $off i32) (local $c8 i32) (local $dbp i32)
    (local $muv v128) (local $rhov v128) (local $xh v128) (local $dd v128) (local $gd v128) (local $sg v128) (local $sgx v128) (local $w v128)
    (local $mu f64) (local $rho f64) (local $mg f64) (local $mgx f64) (local $mgv v128) (local $mgxv v128)
    (local $sxh f64) (local $sd f64) (local $sgd f64) (local $tg f64) (local $tgx f64) (local $sv f64)
    (local.set $dbp (i32.add (local.get $part) (i32.shl (local.get $cols) (i32.const 3))))
    (memory.fill (local.get $part) (i32.const 0) (i32.shl (local.get $cols) (i32.const 4)))
    (local.set $r (local.get $r0))
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u (local.get $r) (local.get $r1)))
      (local.set $off (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2)))
      (local.set $mu (f64.promote_f32 (f32.load (i32.add (local.get $mean) (i32.shl (local.get $r) (i32.const 2))))))
      (local.set $rho (f64.promote_f32 (f32.load (i32.add (local.get $rstd) (i32.shl (local.get $r) (i32.const 2))))))
      (local.set $muv (f64x2.splat (local.get $mu)))
      (local.set $rhov (f64x2.splat (local.get $rho)))
      (local.set $sg (D2 0))
      (local.set $sgx (D2 0))
      (local.set $c (i32.const 0))
      (block $ad (loop $al
        (br_if $ad (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $cols)))
        (local.set $c8 (i32.shl (local.get $c) (i32.const 3)))
        (local.set $xh (f64x2.mul (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (i32.add (local.get $x) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))))) (local.get $muv)) (local.get $rhov)))
        (local.set $dd (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (i32.add (local.get $dy) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))))))
        (local.set $gd (f64x2.mul (local.get $dd) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (i32.shl (local.get $c) (i32.const 2)))))))
        (local.set $sg (f64x2.add (local.get $sg) (local.get $gd)))
        (local.set $sgx (f64x2.add (local.get $sgx) (f64x2.mul (local.get $gd) (local.get $xh))))
        (v128.store (i32.add (local.get $part) (local.get $c8)) (f64x2.add (v128.load (i32.add (local.get $part) (local.get $c8))) (f64x2.mul (local.get $dd) (local.get $xh))))
        (v128.store (i32.add (local.get $dbp) (local.get $c8)) (f64x2.add (v128.load (i32.add (local.get $dbp) (local.get $c8))) (local.get $dd)))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $al)))
      (local.set $tg (f64.add (f64x2.extract_lane 0 (local.get $sg)) (f64x2.extract_lane 1 (local.get $sg))))
      (local.set $tgx (f64.add (f64x2.extract_lane 0 (local.get $sgx)) (f64x2.extract_lane 1 (local.get $sgx))))
      (if (i32.lt_u (local.get $c) (local.get $cols))
        (then
          (local.set $c8 (i32.shl (local.get $c) (i32.const 3)))
          (local.set $sxh (f64.mul (f64.sub (f64.promote_f32 (f32.load (i32.add (i32.add (local.get $x) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))))) (local.get $mu)) (local.get $rho)))
          (local.set $sd (f64.promote_f32 (f32.load (i32.add (i32.add (local.get $dy) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))))))
          (local.set $sgd (f64.mul (local.get $sd) (f64.promote_f32 (f32.load (i32.add (local.get $g) (i32.shl (local.get $c) (i32.const 2)))))))
          (local.set $tg (f64.add (local.get $tg) (local.get $sgd)))
          (local.set $tgx (f64.add (local.get $tgx) (f64.mul (local.get $sgd) (local.get $sxh))))
          (f64.store (i32.add (local.get $part) (local.get $c8)) (f64.add (f64.load (i32.add (local.get $part) (local.get $c8))) (f64.mul (local.get $sd) (local.get $sxh))))
          (f64.store (i32.add (local.get $dbp) (local.get $c8)) (f64.add (f64.load (i32.add (local.get $dbp) (local.get $c8))) (local.get $sd)))))
      (local.set $mg (f64.div (local.get $tg) (f64.convert_i32_u (local.get $cols))))
      (local.set $mgx (f64.div (local.get $tgx) (f64.convert_i32_u (local.get $cols))))
      (local.set $mgv (f64x2.splat (local.get $mg)))
      (local.set $mgxv (f64x2.splat (local.get $mgx)))
      (local.set $c (i32.const 0))
      (block $bd (loop $bl
        (br_if $bd (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $cols)))
        (local.set $xh (f64x2.mul (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (i32.add (local.get $x) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))))) (local.get $muv)) (local.get $rhov)))
        (local.set $dd (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (i32.add (local.get $dy) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))))))
        (local.set $w (f64x2.mul (local.get $rhov) (f64x2.sub (f64x2.sub
          (f64x2.mul (local.get $dd) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (i32.shl (local.get $c) (i32.const 2))))))
          (local.get $mgv)) (f64x2.mul (local.get $xh) (local.get $mgxv)))))
        (if (local.get $acc)
          (then (local.set $w (f64x2.add (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (i32.add (local.get $dx) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))))) (local.get $w)))))
        (v128.store64_lane 0 (i32.add (i32.add (local.get $dx) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))) (f32x4.demote_f64x2_zero (local.get $w)))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $bl)))
      (if (i32.lt_u (local.get $c) (local.get $cols))
        (then
          (local.set $sxh (f64.mul (f64.sub (f64.promote_f32 (f32.load (i32.add (i32.add (local.get $x) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))))) (local.get $mu)) (local.get $rho)))
          (local.set $sd (f64.promote_f32 (f32.load (i32.add (i32.add (local.get $dy) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))))))
          (local.set $sv (f64.mul (local.get $rho) (f64.sub (f64.sub
            (f64.mul (local.get $sd) (f64.promote_f32 (f32.load (i32.add (local.get $g) (i32.shl (local.get $c) (i32.const 2))))))
            (local.get $mg)) (f64.mul (local.get $sxh) (local.get $mgx)))))
          (if (local.get $acc)
            (then (local.set $sv (f64.add (f64.promote_f32 (f32.load (i32.add (i32.add (local.get $dx) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))))) (local.get $sv)))))
          (f32.store (i32.add (i32.add (local.get $dx) (local.get $off)) (i32.shl (local.get $c) (i32.const 2))) (f32.demote_f64 (local.get $sv)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rl))))

  ;; Σ a[d] b[d], d < n (float32: four lanes, then their sum, then the scalar tail)
  (func $dot (param $a i32) (param $b i32) (param $n i32) (result f32)
    (local $d i32) (local $s v128) (local $t f32)
    (block $vd (loop $vl
      (br_if $vd (i32.gt_u (i32.add (local.get $d) (i32.const 4)) (local.get $n)))
      (local.set $s (f32x4.add (local.get $s) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $d (i32.add (local.get $d) (i32.const 4)))
      (br $vl)))
    (local.set $t (f32.add (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
      (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s)))))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_u (local.get $d) (local.get $n)))
      (local.set $t (f32.add (local.get $t) (f32.mul (f32.load (local.get $a)) (f32.load (local.get $b)))))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (local.set $b (i32.add (local.get $b) (i32.const 4)))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br $sl)))
    (local.get $t))

  ;; The four dot products a·b_j, b_j = b + j·stride bytes (j < 4), d < n, as one vector: four
  ;; independent chains instead of one; lane j sums the four lanes of its chain as
  ;; (0 + 2) + (1 + 3), then the scalar tail.
  (func $dot4 (param $a i32) (param $b i32) (param $stride i32) (param $n i32) (result v128)
    (local $d i32) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $av v128)
    (local $b1 i32) (local $b2 i32) (local $b3 i32) (local $u v128) (local $w v128) (local $r v128) (local $x f32)
    (local.set $b1 (i32.add (local.get $b) (local.get $stride)))
    (local.set $b2 (i32.add (local.get $b1) (local.get $stride)))
    (local.set $b3 (i32.add (local.get $b2) (local.get $stride)))
    (block $vd (loop $vl
      (br_if $vd (i32.gt_u (i32.add (local.get $d) (i32.const 4)) (local.get $n)))
      (local.set $av (v128.load (local.get $a)))
      (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $av) (v128.load (local.get $b)))))
      (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $av) (v128.load (local.get $b1)))))
      (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $av) (v128.load (local.get $b2)))))
      (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $av) (v128.load (local.get $b3)))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $b1 (i32.add (local.get $b1) (i32.const 16)))
      (local.set $b2 (i32.add (local.get $b2) (i32.const 16)))
      (local.set $b3 (i32.add (local.get $b3) (i32.const 16)))
      (local.set $d (i32.add (local.get $d) (i32.const 4)))
      (br $vl)))
    ;; lane j of the result = (c_j[0] + c_j[2]) + (c_j[1] + c_j[3])
    (local.set $u (f32x4.add
      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c0) (local.get $c1))
      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c0) (local.get $c1))))
    (local.set $w (f32x4.add
      (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c2) (local.get $c3))
      (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c2) (local.get $c3))))
    (local.set $r (f32x4.add
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $w))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $w))))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_u (local.get $d) (local.get $n)))
      (local.set $x (f32.load (local.get $a)))
      (local.set $r (f32x4.add (local.get $r) (f32x4.mul (f32x4.splat (local.get $x))
        (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1 (f32x4.splat (f32.load (local.get $b)))
          (f32.load (local.get $b1))) (f32.load (local.get $b2))) (f32.load (local.get $b3))))))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (local.set $b (i32.add (local.get $b) (i32.const 4)))
      (local.set $b1 (i32.add (local.get $b1) (i32.const 4)))
      (local.set $b2 (i32.add (local.get $b2) (i32.const 4)))
      (local.set $b3 (i32.add (local.get $b3) (i32.const 4)))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br $sl)))
    (local.get $r))

  ;; w[j] = a·b_j for j < cnt (b_j = b + j·stride bytes) into w (float32 [cnt]): four at a time
  (func $dots (param $a i32) (param $b i32) (param $stride i32) (param $n i32) (param $cnt i32) (param $w i32)
    (local $j i32)
    (block $vd (loop $vl
      (br_if $vd (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $cnt)))
      (v128.store (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2)))
        (call $dot4 (local.get $a) (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $stride))) (local.get $stride) (local.get $n)))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $vl)))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_u (local.get $j) (local.get $cnt)))
      (f32.store (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2)))
        (call $dot (local.get $a) (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $stride))) (local.get $n)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $sl))))

  ;; o[d] = Σ_{j < cnt} w[j] b_j[d] for d < n (b_j = b + j·stride bytes), sixteen columns at a
  ;; time in four independent chains, then four, then one; each column sums j in order.
  (func $combine (param $o i32) (param $w i32) (param $b i32) (param $stride i32) (param $cnt i32) (param $n i32)
    (local $d i32) (local $j i32) (local $bp i32) (local $wv v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $s f32)
    (block $bd (loop $bl
      (br_if $bd (i32.gt_u (i32.add (local.get $d) (i32.const 16)) (local.get $n)))
      (local.set $c0 (v128.const i32x4 0 0 0 0))
      (local.set $c1 (v128.const i32x4 0 0 0 0))
      (local.set $c2 (v128.const i32x4 0 0 0 0))
      (local.set $c3 (v128.const i32x4 0 0 0 0))
      (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $d) (i32.const 2))))
      (local.set $j (i32.const 0))
      (block $jd (loop $jl
        (br_if $jd (i32.ge_u (local.get $j) (local.get $cnt)))
        (local.set $wv (v128.load32_splat (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $wv) (v128.load (local.get $bp)))))
        (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $wv) (v128.load offset=16 (local.get $bp)))))
        (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $wv) (v128.load offset=32 (local.get $bp)))))
        (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $wv) (v128.load offset=48 (local.get $bp)))))
        (local.set $bp (i32.add (local.get $bp) (local.get $stride)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jl)))
      (v128.store (i32.add (local.get $o) (i32.shl (local.get $d) (i32.const 2))) (local.get $c0))
      (v128.store offset=16 (i32.add (local.get $o) (i32.shl (local.get $d) (i32.const 2))) (local.get $c1))
      (v128.store offset=32 (i32.add (local.get $o) (i32.shl (local.get $d) (i32.const 2))) (local.get $c2))
      (v128.store offset=48 (i32.add (local.get $o) (i32.shl (local.get $d) (i32.const 2))) (local.get $c3))
      (local.set $d (i32.add (local.get $d) (i32.const 16)))
      (br $bl)))
    (block $vd (loop $vl
      (br_if $vd (i32.gt_u (i32.add (local.get $d) (i32.const 4)) (local.get $n)))
      (local.set $c0 (v128.const i32x4 0 0 0 0))
      (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $d) (i32.const 2))))
      (local.set $j (i32.const 0))
      (block $jd2 (loop $jl2
        (br_if $jd2 (i32.ge_u (local.get $j) (local.get $cnt)))
        (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (v128.load32_splat (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2)))) (v128.load (local.get $bp)))))
        (local.set $bp (i32.add (local.get $bp) (local.get $stride)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jl2)))
      (v128.store (i32.add (local.get $o) (i32.shl (local.get $d) (i32.const 2))) (local.get $c0))
      (local.set $d (i32.add (local.get $d) (i32.const 4)))
      (br $vl)))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_u (local.get $d) (local.get $n)))
      (local.set $s (f32.const 0))
      (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $d) (i32.const 2))))
      (local.set $j (i32.const 0))
      (block $jd3 (loop $jl3
        (br_if $jd3 (i32.ge_u (local.get $j) (local.get $cnt)))
        (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2)))) (f32.load (local.get $bp)))))
        (local.set $bp (i32.add (local.get $bp) (local.get $stride)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jl3)))
      (f32.store (i32.add (local.get $o) (i32.shl (local.get $d) (i32.const 2))) (local.get $s))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br $sl))))

  ;; y[d] += alpha x[d], d < n
  (func $axpy (param $y i32) (param $x i32) (param $alpha f32) (param $n i32)
    (local $d i32) (local $av v128)
    (local.set $av (f32x4.splat (local.get $alpha)))
    (block $vd (loop $vl
      (br_if $vd (i32.gt_u (i32.add (local.get $d) (i32.const 4)) (local.get $n)))
      (v128.store (local.get $y) (f32x4.add (v128.load (local.get $y)) (f32x4.mul (local.get $av) (v128.load (local.get $x)))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $d (i32.add (local.get $d) (i32.const 4)))
      (br $vl)))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_u (local.get $d) (local.get $n)))
      (f32.store (local.get $y) (f32.add (f32.load (local.get $y)) (f32.mul (local.get $alpha) (f32.load (local.get $x)))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (local.set $y (i32.add (local.get $y) (i32.const 4)))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br $sl))))

  ;; Multi-head attention of sequences [n0, n1): q, k, v, out [N·seq, cols] with head h in columns
  ;; [h·dh, (h+1)·dh); probs [N, heads, seq, seq] (zero beyond the causal mask).
  ;; out_i = Σ_j softmax_j(q_i·k_j / √dh) v_j, in float32 (the exp of $exp4, 2 ulp).
  (func (export "attention") (param $q i32) (param $k i32) (param $v i32) (param $p i32) (param $o i32) (param $seq i32) (param $heads i32) (param $cols i32) (param $causal i32) (param $n0 i32) (param $n1 i32)
    (local $dh i32) (local $scale f32) (local $n i32) (local $h i32) (local $i i32) (local $j i32) (local $cnt i32)
    (local $qi i32) (local $pb i32) (local $hb i32) (local $row i32) (local $s f32) (local $max f32) (local $sum f32)
    (local $vm v128) (local $vs v128) (local $e v128) (local $vsc v128)
    (local.set $dh (i32.div_u (local.get $cols) (local.get $heads)))
    (local.set $scale (f32.demote_f64 (f64.div (f64.const 1) (f64.sqrt (f64.convert_i32_u (local.get $dh))))))
    (local.set $vsc (f32x4.splat (local.get $scale)))
    (local.set $row (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $n (local.get $n0))
    (block $nd (loop $nl
      (br_if $nd (i32.ge_u (local.get $n) (local.get $n1)))
      (local.set $h (i32.const 0))
      (block $hd (loop $hl
        (br_if $hd (i32.ge_u (local.get $h) (local.get $heads)))
        ;; byte offset of (sequence n, position 0, head h) in q / k / v / out
        (local.set $hb (i32.shl (i32.add (i32.mul (i32.mul (local.get $n) (local.get $seq)) (local.get $cols)) (i32.mul (local.get $h) (local.get $dh))) (i32.const 2)))
        (local.set $i (i32.const 0))
        (block $id (loop $il
          (br_if $id (i32.ge_u (local.get $i) (local.get $seq)))
          (local.set $qi (i32.add (local.get $hb) (i32.mul (local.get $i) (local.get $row))))
          (local.set $pb (i32.add (local.get $p) (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $heads)) (local.get $h)) (local.get $seq)) (local.get $i)) (local.get $seq)) (i32.const 2))))
          (local.set $cnt (if (result i32) (local.get $causal) (then (i32.add (local.get $i) (i32.const 1))) (else (local.get $seq))))
          ;; scores q_i·k_j (scaled below) and their maximum
          (call $dots (i32.add (local.get $q) (local.get $qi)) (i32.add (local.get $k) (local.get $hb)) (local.get $row) (local.get $dh) (local.get $cnt) (local.get $pb))
          (local.set $max (f32.const -inf))
          (local.set $j (i32.const 0))
          (block $sd (loop $sl
            (br_if $sd (i32.ge_u (local.get $j) (local.get $cnt)))
            (local.set $s (f32.mul (f32.load (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2)))) (local.get $scale)))
            (f32.store (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
            (local.set $max (f32.max (local.get $max) (local.get $s)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $sl)))
          ;; exp(s − max) and the sum
          (local.set $vm (f32x4.splat (local.get $max)))
          (local.set $vs (v128.const f32x4 0 0 0 0))
          (local.set $j (i32.const 0))
          (block $ed (loop $el
            (br_if $ed (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $cnt)))
            (local.set $e (call $exp4 (f32x4.sub (v128.load (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2)))) (local.get $vm))))
            (v128.store (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2))) (local.get $e))
            (local.set $vs (f32x4.add (local.get $vs) (local.get $e)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $el)))
          (local.set $sum (f32.add (f32.add (f32x4.extract_lane 0 (local.get $vs)) (f32x4.extract_lane 1 (local.get $vs)))
            (f32.add (f32x4.extract_lane 2 (local.get $vs)) (f32x4.extract_lane 3 (local.get $vs)))))
          (block $ed2 (loop $el2
            (br_if $ed2 (i32.ge_u (local.get $j) (local.get $cnt)))
            (local.set $s (f32x4.extract_lane 0 (call $exp4 (f32x4.splat (f32.sub (f32.load (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2)))) (local.get $max))))))
            (f32.store (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
            (local.set $sum (f32.add (local.get $sum) (local.get $s)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $el2)))
          ;; normalize; zero beyond the mask
          (local.set $j (i32.const 0))
          (block $md (loop $ml
            (br_if $md (i32.ge_u (local.get $j) (local.get $seq)))
            (f32.store (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2)))
              (if (result f32) (i32.lt_u (local.get $j) (local.get $cnt))
                (then (f32.div (f32.load (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2)))) (local.get $sum)))
                (else (f32.const 0))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $ml)))
          ;; out_i = Σ_j p_ij v_j
          (call $combine (i32.add (local.get $o) (local.get $qi)) (local.get $pb) (i32.add (local.get $v) (local.get $hb)) (local.get $row) (local.get $cnt) (local.get $dh))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $il)))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br $hl)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $nl))))

  ;; Backward of attention for sequences [n0, n1): dq, dk, dv of their rows (overwritten).
  ;; With cnt = 1 + the last j of row i with P_ij ≠ 0 (the causal mask's zeros add nothing):
  ;; dP_ij = dOut_i·v_j, dv_j += P_ij dOut_i, dS_ij = P_ij (dP_ij − Σ_l P_il dP_il) / √dh,
  ;; dq_i = Σ_j dS_ij k_j, dk_j += dS_ij q_i. $buf: 2·seq float32 of scratch (dP, dS of a row).
  (func (export "attention_bwd") (param $q i32) (param $k i32) (param $v i32) (param $p i32) (param $g i32) (param $dq i32) (param $dk i32) (param $dv i32) (param $seq i32) (param $heads i32) (param $cols i32) (param $n0 i32) (param $n1 i32) (param $buf i32)
    (local $dh i32) (local $scale f32) (local $n i32) (local $h i32) (local $i i32) (local $j i32) (local $cnt i32) (local $ds i32)
    (local $qi i32) (local $kj i32) (local $pb i32) (local $hb i32) (local $row i32) (local $dot f32) (local $pij f32) (local $x f32)
    (local.set $dh (i32.div_u (local.get $cols) (local.get $heads)))
    (local.set $scale (f32.demote_f64 (f64.div (f64.const 1) (f64.sqrt (f64.convert_i32_u (local.get $dh))))))
    (local.set $row (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $ds (i32.add (local.get $buf) (i32.shl (local.get $seq) (i32.const 2))))
    (memory.fill (i32.add (local.get $dk) (i32.mul (i32.mul (local.get $n0) (local.get $seq)) (local.get $row))) (i32.const 0)
      (i32.mul (i32.mul (i32.sub (local.get $n1) (local.get $n0)) (local.get $seq)) (local.get $row)))
    (memory.fill (i32.add (local.get $dv) (i32.mul (i32.mul (local.get $n0) (local.get $seq)) (local.get $row))) (i32.const 0)
      (i32.mul (i32.mul (i32.sub (local.get $n1) (local.get $n0)) (local.get $seq)) (local.get $row)))
    (local.set $n (local.get $n0))
    (block $nd (loop $nl
      (br_if $nd (i32.ge_u (local.get $n) (local.get $n1)))
      (local.set $h (i32.const 0))
      (block $hd (loop $hl
        (br_if $hd (i32.ge_u (local.get $h) (local.get $heads)))
        (local.set $hb (i32.shl (i32.add (i32.mul (i32.mul (local.get $n) (local.get $seq)) (local.get $cols)) (i32.mul (local.get $h) (local.get $dh))) (i32.const 2)))
        (local.set $i (i32.const 0))
        (block $id (loop $il
          (br_if $id (i32.ge_u (local.get $i) (local.get $seq)))
          (local.set $qi (i32.add (local.get $hb) (i32.mul (local.get $i) (local.get $row))))
          (local.set $pb (i32.add (local.get $p) (i32.shl (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $n) (local.get $heads)) (local.get $h)) (local.get $seq)) (local.get $i)) (local.get $seq)) (i32.const 2))))
          ;; cnt: one past the last nonzero probability of the row
          (local.set $cnt (local.get $seq))
          (block $cd (loop $cl
            (br_if $cd (i32.eqz (local.get $cnt)))
            (br_if $cd (f32.ne (f32.load (i32.add (local.get $pb) (i32.shl (i32.sub (local.get $cnt) (i32.const 1)) (i32.const 2)))) (f32.const 0)))
            (local.set $cnt (i32.sub (local.get $cnt) (i32.const 1)))
            (br $cl)))
          ;; dP_ij, their P-weighted sum, dv_j
          (call $dots (i32.add (local.get $g) (local.get $qi)) (i32.add (local.get $v) (local.get $hb)) (local.get $row) (local.get $dh) (local.get $cnt) (local.get $buf))
          (local.set $dot (f32.const 0))
          (local.set $j (i32.const 0))
          (block $ad (loop $al
            (br_if $ad (i32.ge_u (local.get $j) (local.get $cnt)))
            (local.set $pij (f32.load (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $dot (f32.add (local.get $dot) (f32.mul (local.get $pij) (f32.load (i32.add (local.get $buf) (i32.shl (local.get $j) (i32.const 2)))))))
            (call $axpy (i32.add (local.get $dv) (i32.add (local.get $hb) (i32.mul (local.get $j) (local.get $row)))) (i32.add (local.get $g) (local.get $qi)) (local.get $pij) (local.get $dh))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $al)))
          ;; dS_ij; dk_j += dS_ij q_i
          (local.set $j (i32.const 0))
          (block $bd (loop $bl
            (br_if $bd (i32.ge_u (local.get $j) (local.get $cnt)))
            (local.set $x (f32.mul (f32.mul (f32.load (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2))))
              (f32.sub (f32.load (i32.add (local.get $buf) (i32.shl (local.get $j) (i32.const 2)))) (local.get $dot))) (local.get $scale)))
            (f32.store (i32.add (local.get $ds) (i32.shl (local.get $j) (i32.const 2))) (local.get $x))
            (call $axpy (i32.add (local.get $dk) (i32.add (local.get $hb) (i32.mul (local.get $j) (local.get $row)))) (i32.add (local.get $q) (local.get $qi)) (local.get $x) (local.get $dh))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $bl)))
          ;; dq_i = Σ_j dS_ij k_j
          (call $combine (i32.add (local.get $dq) (local.get $qi)) (local.get $ds) (i32.add (local.get $k) (local.get $hb)) (local.get $row) (local.get $cnt) (local.get $dh))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $il)))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br $hl)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $nl))))
