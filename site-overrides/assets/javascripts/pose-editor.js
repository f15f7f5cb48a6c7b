/* The pose editor (/contribute/pose-editor/): a slider per joint and side poses the figure, which is
   redrawn as they move, and the pose block to paste into a record is written below.

   Everything it knows of the figure comes from assets/pose-editor.json, written by the build
   (build_tools/site/figures/editor.py): the rig's proportions, the joints and their ranges, the starting
   positions and every exercise's pose. The functions under "Posing" and "Placing" are ports of
   build_tools/data/figures/rig.py, pose.py and scene.py, name for name, and "Drawing" projects as
   build_tools/site/figures/shapes.py does; tests/test_pose_editor.py checks that both give the same
   points. window.atlasPoseEditor.ready resolves to those pure functions once the data is in. */
(function () {
  "use strict";

  const root = document.querySelector("[data-pose-editor]");
  let signal;
  const ready = new Promise(function (resolve) { signal = resolve; });
  window.atlasPoseEditor = { ready: ready };
  if (!root) return;

  /* -- Posing: build_tools/data/figures/rig.py ------------------------------------------------- */

  const SIDES = [["left", -1], ["right", 1]];

  function matMul(a, b) {
    return a.map(function (row) {
      return [0, 1, 2].map(function (j) { return row[0] * b[0][j] + row[1] * b[1][j] + row[2] * b[2][j]; });
    });
  }
  function apply(m, v) {
    return [0, 1, 2].map(function (i) { return m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2]; });
  }
  function add(a, b) { return [a[0] + b[0], a[1] + b[1], a[2] + b[2]]; }
  function scale(v, k) { return [v[0] * k, v[1] * k, v[2] * k]; }
  function cs(deg) { const r = deg * Math.PI / 180; return [Math.cos(r), Math.sin(r)]; }
  // Rotation about the forward axis (abduction, side bend).
  function rotX(deg) { const [c, s] = cs(deg); return [[1, 0, 0], [0, c, -s], [0, s, c]]; }
  // Rotation about the long (up) axis (rotation).
  function rotY(deg) { const [c, s] = cs(deg); return [[c, 0, s], [0, 1, 0], [-s, 0, c]]; }
  // Rotation about the side-to-side axis (flexion).
  function rotZ(deg) { const [c, s] = cs(deg); return [[c, -s, 0], [s, c, 0], [0, 0, 1]]; }
  function cross(a, b) {
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  }
  function mirror(v, sign) { return [v[0], v[1], v[2] * sign]; }

  // The pelvis's orientation: its front, head and right side as columns, then tilted forward.
  function rootMatrix(head, front, tilt) {
    const right = cross(front, head);
    const base = [0, 1, 2].map(function (i) { return [front[i], head[i], right[i]]; });
    return matMul(rotZ(-tilt), base);
  }

  function makeRig(data) {
    const spec = data.rig;
    const h = Number(spec.height_cm);
    const rig = { height: h, lengths: {}, joints: {}, radii: {}, pointSpecs: {}, positions: {} };
    for (const [k, v] of Object.entries(spec.lengths)) rig.lengths[k] = Number(v) * h;
    for (const [k, v] of Object.entries(spec.joints)) rig.joints[k] = scale(v.map(Number), h);
    for (const [k, v] of Object.entries(spec.radii)) rig.radii[k] = [Number(v[0]) * h, Number(v[1]) * h];
    rig.torso = spec.torso.map(function (s) { return [String(s[0]), s[1] * h, s[2] * h, s[3] * h, s[4] * h]; });
    for (const [name, point] of Object.entries(spec.points)) {
      const segment = String(point[0]);
      const offset = scale(point[1].map(Number), h);
      if (point.length > 2 && point[2] === "sided") {
        for (const [side, sign] of SIDES) {
          const carrier = segment === "pelvis" || segment === "trunk" ? segment : side + "_" + segment;
          rig.pointSpecs[side + "_" + name] = [carrier, mirror(offset, sign)];
        }
      } else {
        rig.pointSpecs[name] = [segment, offset];
      }
    }
    for (const p of data.positions) rig.positions[p.id] = p;
    return rig;
  }

  // Forward kinematics from the pelvis (its centre at the origin): Rig.pose.
  function posed(rig, position, angles, tilt) {
    function a(name) { return name in angles ? Number(angles[name]) : 0; }
    const where = rig.positions[position];
    const pelvis = rootMatrix(where.head, where.front, "tilt" in angles ? Number(angles.tilt) : (tilt || 0));
    const frames = { pelvis: pelvis };
    const origins = { pelvis: [0, 0, 0] };
    const down = [0, -1, 0];
    for (const [side, sign] of SIDES) {
      const hip = apply(pelvis, mirror(rig.joints.hip, sign));
      const thigh = matMul(pelvis, matMul(rotZ(a(side + "_hip_flexion")),
        matMul(rotX(-sign * a(side + "_hip_abduction")), rotY(-sign * a(side + "_hip_rotation")))));
      const knee = add(hip, apply(thigh, scale(down, rig.lengths.thigh)));
      const shank = matMul(thigh, rotZ(-a(side + "_knee_flexion")));
      const ankle = add(knee, apply(shank, scale(down, rig.lengths.shank)));
      const foot = matMul(shank, rotZ(a(side + "_ankle_dorsiflexion")));
      Object.assign(frames, { [side + "_thigh"]: thigh, [side + "_shank"]: shank, [side + "_foot"]: foot });
      Object.assign(origins, { [side + "_thigh"]: hip, [side + "_shank"]: knee, [side + "_foot"]: ankle });
    }
    const lumbar = apply(pelvis, rig.joints.lumbar);
    const trunk = matMul(pelvis, matMul(rotZ(-a("trunk_flexion")),
      matMul(rotX(a("trunk_side_bend")), rotY(-a("trunk_rotation")))));
    frames.trunk = trunk;
    origins.trunk = lumbar;
    const neckBase = add(lumbar, apply(trunk, rig.joints.neck));
    frames.head = matMul(trunk, rotZ(-a("neck_flexion")));
    origins.head = neckBase;
    for (const [side, sign] of SIDES) {
      const shoulder = add(lumbar, apply(trunk, mirror(rig.joints.shoulder, sign)));
      let arm = rotX(-sign * a(side + "_shoulder_abduction"));
      if (a(side + "_shoulder_rotation")) arm = matMul(arm, rotY(-sign * a(side + "_shoulder_rotation")));
      const upper = matMul(trunk, matMul(rotZ(a(side + "_shoulder_flexion")), arm));
      const elbow = add(shoulder, apply(upper, scale(down, rig.lengths.upper_arm)));
      frames[side + "_upper_arm"] = upper;
      frames[side + "_forearm"] = matMul(upper, rotZ(a(side + "_elbow_flexion")));
      origins[side + "_upper_arm"] = shoulder;
      origins[side + "_forearm"] = elbow;
    }
    const points = jointPoints(rig, frames, origins);
    for (const [name, [segment, offset]] of Object.entries(rig.pointSpecs)) {
      points[name] = add(origins[segment], apply(frames[segment], offset));
    }
    return { frames: frames, origins: origins, points: points };
  }

  // The joint centres by name: Rig.joint_points.
  function jointPoints(rig, frames, origins) {
    const down = [0, -1, 0];
    const points = { pelvis: origins.pelvis, lumbar: origins.trunk, neck: origins.head };
    points.head = add(origins.head, apply(frames.head, rig.joints.head_centre));
    for (const [side] of SIDES) {
      points[side + "_hip"] = origins[side + "_thigh"];
      points[side + "_knee"] = origins[side + "_shank"];
      points[side + "_ankle"] = origins[side + "_foot"];
      points[side + "_shoulder"] = origins[side + "_upper_arm"];
      points[side + "_elbow"] = origins[side + "_forearm"];
      points[side + "_wrist"] = add(origins[side + "_forearm"],
        apply(frames[side + "_forearm"], scale(down, rig.lengths.forearm)));
    }
    return points;
  }

  function moved(body, by) {
    const shift = function (map) {
      const out = {};
      for (const [k, v] of Object.entries(map)) out[k] = add(v, by);
      return out;
    };
    return { frames: body.frames, origins: shift(body.origins), points: shift(body.points) };
  }

  /* -- Keyframes: build_tools/data/figures/pose.py ------------------------------------------- */

  // One keyframe's angles as full names: `both` first, then `left` and `right`, which win.
  function sideAngles(block, joints) {
    const angles = {};
    for (const [joint, value] of Object.entries(block.both || {})) {
      const known = joints[joint];
      if (known && !known.sided) angles[joint] = Number(value);
      else angles["left_" + joint] = angles["right_" + joint] = Number(value);
    }
    for (const side of ["left", "right"]) {
      for (const [joint, value] of Object.entries(block[side] || {})) angles[side + "_" + joint] = Number(value);
    }
    return angles;
  }

  // A pose block's keyframes in play order, each with its full angles (a later one keeps what it
  // does not change, and its tilt and forward travel) and its own contacts: pose_from_data.
  function keyframesOf(data, pose) {
    const given = pose.keyframes;
    const names = ["start"].concat(Object.keys(given).filter(function (k) { return k !== "start" && k !== "end"; }), ["end"]);
    let current = { tilt: Number(pose.tilt || 0), forward: 0 };
    return names.map(function (name) {
      const block = given[name] || {};
      current = Object.assign({}, current, sideAngles(block, data.jointsById));
      if ("tilt" in block) current.tilt = Number(block.tilt);
      // How far the body has travelled from where the start put it, and how high it is in the air
      // (only in a keyframe that says so): BODY_KEYS.
      if ("forward_cm" in block) current.forward = Number(block.forward_cm);
      current.lift = Number(block.airborne_cm || 0);
      return { name: name, angles: Object.assign({}, current), contacts: (block.contacts || []).slice() };
    });
  }

  // Every drawn frame's angles, eased between keyframes: Pose.frames.
  function framesOf(data, keyframes) {
    const out = [Object.assign({}, keyframes[0].angles)];
    for (let k = 0; k + 1 < keyframes.length; k++) {
      const before = keyframes[k].angles;
      const after = keyframes[k + 1].angles;
      const names = Array.from(new Set(Object.keys(before).concat(Object.keys(after))));
      for (let step = 1; step <= data.steps_between; step++) {
        const t = step / data.steps_between;
        const eased = t * t * (3 - 2 * t);
        const frame = {};
        for (const n of names) {
          const b = n in before ? before[n] : 0;
          frame[n] = b + ((n in after ? after[n] : 0) - b) * eased;
        }
        out.push(frame);
      }
    }
    return out;
  }

  function propUses(data, pose) {
    return (pose.props || []).map(function (use) {
      const known = data.props[use.prop];
      const params = {};
      for (const [k, v] of Object.entries((known && known.parameters) || {})) params[k] = v.default;
      for (const [k, v] of Object.entries(use)) if (k !== "prop") params[k] = v;
      return { prop: use.prop, params: params };
    });
  }

  /* -- Placing: build_tools/data/figures/scene.py -------------------------------------------- */

  // Points on the drawn body's surface; the lowest of them goes on the floor when no contact says
  // otherwise: samples().
  function samples(rig, body) {
    const out = {};
    const ends = [];
    for (const [side] of SIDES) {
      ends.push(["thigh", side + "_hip", side + "_knee"], ["shank", side + "_knee", side + "_ankle"],
        ["upper_arm", side + "_shoulder", side + "_elbow"], ["forearm", side + "_elbow", side + "_wrist"]);
    }
    for (const [kind, a, b] of ends) {
      for (const [name, r] of [[a, rig.radii[kind][0]], [b, rig.radii[kind][1]]]) {
        const p = body.points[name];
        const low = [p[0], p[1] - r, p[2]];
        const had = out[name] || p;
        out[name] = low[1] < had[1] ? low : had;
      }
    }
    rig.torso.forEach(function ([segment, height, halfW, halfD, shift], i) {
      for (let k = 0; k < 8; k++) {
        const t = 2 * Math.PI * k / 8;
        const local = [shift + halfD * Math.cos(t), height, halfW * Math.sin(t)];
        out["torso" + i + "_" + k] = add(body.origins[segment], apply(body.frames[segment], local));
      }
    });
    const head = body.points.head;
    out.head = [head[0], head[1] - Math.min(rig.radii.head[0], rig.radii.head[1]), head[2]];
    for (const [side] of SIDES) {
      for (const part of ["heel", "toe", "hand", "kneecap"]) out[side + "_" + part] = body.points[side + "_" + part];
    }
    return out;
  }

  function isLevel(data, contact) {
    return data.scene.level_surfaces.includes(contact.surface) && !contact.slides;
  }

  // How high a level surface is: its prop's height_cm (or diameter_cm), the prop's default when the
  // scene lacks it, 0 for the floor; plus the contact's above_cm: surface_height().
  function surfaceHeight(data, contact, props) {
    if (contact.prop === null || contact.prop === undefined) return 0;
    const above = Number(contact.above_cm || 0);
    const use = props.find(function (p) { return p.prop === contact.prop; });
    let params = use ? use.params : null;
    if (!params) {
      params = {};
      const known = data.props[contact.prop];
      for (const [k, v] of Object.entries((known && known.parameters) || {})) params[k] = v.default;
    }
    for (const key of ["height_cm", "diameter_cm"]) {
      if (typeof params[key] === "number") return params[key] + above;
    }
    return above;
  }

  function mean(list, f) { return list.reduce(function (s, v) { return s + f(v); }, 0) / list.length; }
  function lowestOf(rig, body) { return Math.min.apply(null, Object.values(samples(rig, body)).map(function (v) { return v[1]; })); }

  // The level points of a frame's contacts, with their surfaces' heights: _level_points().
  function levelPoints(data, props, body, contacts) {
    const out = [];
    for (const c of contacts) {
      if (!isLevel(data, c)) continue;
      for (const p of c.points) if (p in body.points) out.push([c, p, surfaceHeight(data, c, props)]);
    }
    return out;
  }

  // How far to slide the body so its trunk just touches a ball at centre: _ball_shift().
  function ballShift(rig, body, centre, r, behind) {
    const need = [];
    for (const [name, q] of Object.entries(samples(rig, body))) {
      if (!name.startsWith("torso")) continue;
      const h2 = r * r - (q[1] - centre[1]) ** 2 - (q[2] - centre[2]) ** 2;
      if (h2 > 0) need.push(behind ? centre[0] + Math.sqrt(h2) - q[0] : centre[0] - Math.sqrt(h2) - q[0]);
    }
    if (!need.length) return 0;
    return behind ? Math.max.apply(null, need) : Math.min.apply(null, need);
  }

  // Every frame placed so its contacts hold, as solve() places it: lowered onto its supports (or lifted
  // off the floor in flight), slid against a wall or ball, kept where the first frame put its feet (or
  // hands) and moved forward as far as the frame travels.
  function placeAll(data, rig, pose) {
    const keyframes = keyframesOf(data, pose);
    const frames = framesOf(data, keyframes);
    const props = propUses(data, pose);
    const keyframeAt = {};
    keyframes.forEach(function (k, i) { keyframeAt[i * data.steps_between] = k; });
    const ball = props.find(function (p) { return p.prop === "ball"; });
    const ballR = Number(ball ? ball.params.diameter_cm : data.props.ball.parameters.diameter_cm.default) / 2;
    const contactsAt = function (i) {
      const extra = i in keyframeAt ? keyframeAt[i].contacts : [];
      return (pose.contacts || []).concat(extra).filter(function (id) { return id in data.contacts; })
        .map(function (id) { return Object.assign({ id: id }, data.contacts[id]); });
    };
    const k = pose.view === "front" ? 2 : 0;  // wall_axis(): beside the body in a front view
    // How high each keyframe's lowest point is once placed: _keyframe_heights().
    const rest = {};
    for (const key of Object.keys(keyframeAt)) {
      const i = Number(key);
      const body = posed(rig, pose.position, frames[i], Number(pose.tilt || 0));
      const vertical = levelPoints(data, props, body, contactsAt(i));
      const lowest = lowestOf(rig, body);
      rest[i] = vertical.length
        ? lowest + Math.max.apply(null, vertical.map(function ([, p, h]) { return h - body.points[p][1]; }))
        : Number(frames[i].lift || 0);
    }
    const restAt = Object.keys(rest).map(Number);
    const bodies = [];
    const moving = [];
    let wallX = null;
    let wallBehind = true;
    let anchor = null;
    let rolled = null;
    frames.forEach(function (angles, i) {
      let body = posed(rig, pose.position, angles, Number(pose.tilt || 0));
      const contacts = contactsAt(i);
      const vertical = levelPoints(data, props, body, contacts);
      let dy;  // _rise()
      if (vertical.length) dy = Math.max.apply(null, vertical.map(function ([, p, h]) { return h - body.points[p][1]; }));
      else if (i in rest) dy = rest[i] - lowestOf(rig, body);
      else {
        const before = Math.max.apply(null, restAt.filter(function (r) { return r < i; }));
        const after = Math.min.apply(null, restAt.filter(function (r) { return r > i; }));
        const t = (i - before) / (after - before);
        const eased = t * t * (3 - 2 * t);
        dy = rest[before] + (rest[after] - rest[before]) * eased - lowestOf(rig, body);
      }
      body = moved(body, [0, dy, 0]);
      const walls = [], balls = [];
      for (const c of contacts) {
        for (const p of c.points) {
          if (!(p in body.points)) continue;
          if (c.surface === "wall") walls.push(p);
          else if (c.surface === "ball") balls.push(body.points[p]);
        }
      }
      const frameProps = [];
      if (walls.length) {
        const xs = walls.map(function (p) { return body.points[p][k]; });
        if (wallX === null) {
          wallBehind = mean(xs, Number) < body.points.pelvis[k];
          wallX = wallBehind ? Math.min.apply(null, xs) : Math.max.apply(null, xs);
        }
        const reach = wallBehind ? Math.min.apply(null, xs) : Math.max.apply(null, xs);
        body = moved(body, k === 0 ? [wallX - reach, 0, 0] : [0, 0, wallX - reach]);
      } else if (balls.length) {  // the ball rolls between the back and the wall, half as far as the back
        const at = [0, 1, 2].map(function (j) { return mean(balls, function (p) { return p[j]; }); });
        if (wallX === null || rolled === null) {
          wallBehind = at[0] < body.points.pelvis[0];
          wallX = wallBehind ? at[0] - 2 * ballR : at[0] + 2 * ballR;
          rolled = [at[1], body.points.lumbar[1]];
        }
        const centre = [wallBehind ? wallX + ballR : wallX - ballR, rolled[0] + (body.points.lumbar[1] - rolled[1]) / 2, 0];
        body = moved(body, [ballShift(rig, body, centre, ballR, wallBehind), 0, 0]);
        frameProps.push({ prop: "ball", circle: [centre[0], centre[1], ballR] });
      } else {
        let held = contacts.filter(function (c) {
          return (pose.contacts || []).includes(c.id) && (isLevel(data, c) || c.surface === "slope");
        });
        const floor = held.filter(function (c) { return c.surface === "floor"; });
        if (floor.length) held = floor;  // feet stay put; a back rolls on a bench
        let fixed = [];
        for (const c of held) fixed = fixed.concat(c.points.filter(function (p) { return p in body.points; }));
        if (!fixed.length) fixed = ["pelvis"];
        const x = mean(fixed, function (p) { return body.points[p][0]; });
        if (anchor === null) anchor = x;
        body = moved(body, [anchor + Number(angles.forward || 0) - x, 0, 0]);
      }
      bodies.push(body);
      moving.push(frameProps);
    });
    const laid = layMachineParts(data, pose, props, bodies, contactsAt);
    laid.perFrame.forEach(function (parts, i) { moving[i] = moving[i].concat(parts); });
    const banded = bands(data, props, bodies);
    banded.lines.forEach(function (parts, i) { moving[i] = moving[i].concat(parts); });
    const keyIndexes = keyframes.map(function (_, i) { return i * data.steps_between; });
    return {
      keyframes: keyframes,
      props: props,
      bodies: bodies,
      keyBodies: keyIndexes.map(function (i) { return bodies[i]; }),
      keyMoving: keyIndexes.map(function (i) { return moving[i]; }),
      placed: placeProps(data, pose, props, bodies, contactsAt, [wallX, wallBehind], k).concat(laid.fixed, banded.posts),
    };
  }

  /* Machine parts laid against the body: lay_machine_parts() (the drawing only). */

  // The side view's best line through points: its centre and unit direction.
  function lineThrough(points) {
    const cx = mean(points, function (p) { return p[0]; }), cy = mean(points, function (p) { return p[1]; });
    let sxx = 0, syy = 0, sxy = 0;
    for (const p of points) {
      sxx += (p[0] - cx) ** 2;
      syy += (p[1] - cy) ** 2;
      sxy += (p[0] - cx) * (p[1] - cy);
    }
    const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
    return [[cx, cy, 0], [Math.cos(angle), Math.sin(angle), 0]];
  }

  function along(p, centre, u) { return (p[0] - centre[0]) * u[0] + (p[1] - centre[1]) * u[1]; }

  // A pad or plate along a line, PAD_CM thick on the side facing away: _slab().
  function slab(data, centre, u, ends, away) {
    let n = [-u[1], u[0], 0];
    if ((away[0] - centre[0]) * n[0] + (away[1] - centre[1]) * n[1] > 0) n = [-n[0], -n[1], 0];
    const at = function (a, out) { return [centre[0] + u[0] * a + n[0] * out, centre[1] + u[1] * a + n[1] * out, 0]; };
    const [a, b] = ends, cut = 1.5, pad = data.scene.pad_cm;
    return [at(a, 0), at(b, 0), at(b + cut, cut), at(b + cut, pad - cut), at(b, pad), at(a, pad), at(a - cut, pad - cut), at(a - cut, cut)];
  }

  // A slant board from the side: _wedge().
  function wedge(centre, u, pts) {
    const on = pts.map(function (p) { return along(p, centre, u); });
    const back = Math.min.apply(null, on) - 10;
    const top = [centre[0] + u[0] * back, centre[1] + u[1] * back, 0];
    const nose = u[1] < 0 ? centre[1] / -u[1] : Math.max.apply(null, on) + 5;
    const tip = [centre[0] + u[0] * nose, Math.max(0, centre[1] + u[1] * nose), 0];
    return [top, tip, [tip[0], 0, 0], [top[0], 0, 0]];
  }

  function padEnds(pts, centre, u, contact) {
    const on = pts.map(function (p) { return along(p, centre, u); });
    const margin = contact.surface === "back-pad" ? 10 : 4;
    return [Math.min.apply(null, on) - margin, Math.max.apply(null, on) + margin];
  }

  // The rail a sliding part runs on, on legs to the floor: _rail().
  function rail(contact, parts, d, body) {
    const corners = [];
    for (const part of parts) for (const shape of part.shapes) for (const p of shape) corners.push(p);
    const mid = [0, 1, 2].map(function (j) { return mean(corners, function (p) { return p[j]; }); });
    let n = [-d[1], d[0], 0];
    const first = parts[0].shapes[0];
    const u = [first[1][0] - first[0][0], first[1][1] - first[0][1]];
    const alongItself = Math.abs(u[0] * d[0] + u[1] * d[1]) > 0.7 * Math.hypot(u[0], u[1]);
    const flip = alongItself ? (body[0] - mid[0]) * n[0] + (body[1] - mid[1]) * n[1] > 0 : n[1] > 0;
    if (flip) n = [-n[0], -n[1], 0];
    const out = Math.max.apply(null, corners.map(function (p) { return (p[0] - mid[0]) * n[0] + (p[1] - mid[1]) * n[1]; })) + (alongItself ? 2 : -3);
    const on = corners.map(function (p) { return along(p, mid, d); });
    const reach = alongItself ? 8 : 20;
    const at = function (k) { return [mid[0] + d[0] * k + n[0] * out, mid[1] + d[1] * k + n[1] * out, 0]; };
    const a = at(Math.min.apply(null, on) - reach), b = at(Math.max.apply(null, on) + reach);
    const legs = [a, b].filter(function (p) { return p[1] > 4; }).map(function (p) { return [[p[0], p[1], 0], [p[0], 0, 0]]; });
    return { prop: contact.prop || "", strokes: [[a, b]].concat(legs) };
  }

  function layMachineParts(data, pose, props, bodies, contactsAt) {
    const perFrame = bodies.map(function () { return []; });
    const fixed = [];
    const laid = {};
    bodies.forEach(function (_, i) {
      for (const c of contactsAt(i)) {
        if (data.scene.laid_surfaces.includes(c.surface) && !isLevel(data, c) && !(c.id in laid)) laid[c.id] = c;
      }
    });
    for (const contact of Object.values(laid)) {
      const frames = bodies.map(function (_, i) { return i; }).filter(function (i) {
        return contactsAt(i).some(function (c) { return c.id === contact.id; });
      });
      const lines = {};
      for (const i of frames) {
        const pts = contact.points.map(function (p) { return bodies[i].points[p]; });
        lines[i] = [pts].concat(lineThrough(pts));
      }
      const first = frames[0];
      const c0 = lines[first][1];
      let u0 = lines[first][2];
      const awayOf = function (i) { return bodies[i].points[contact.surface === "back-pad" ? "pelvis" : "lumbar"]; };
      if (contact.surface === "slope") {
        const use = props.find(function (p) { return p.prop === contact.prop; });
        const slope = Number((use && use.params.angle_degrees) || 25) * Math.PI / 180;
        u0 = [Math.cos(slope), -Math.sin(slope), 0];
        fixed.push({ prop: contact.prop || "", shapes: [wedge(c0, u0, lines[first][0])] });
      } else if (!contact.slides) {
        fixed.push({ prop: contact.prop || "", shapes: [slab(data, c0, u0, padEnds(lines[first][0], c0, u0, contact), awayOf(first))] });
      }
      if (!contact.slides) continue;
      const track = frames.map(function (i) { return lines[i][1]; });
      const run = [track[track.length - 1][0] - track[0][0], track[track.length - 1][1] - track[0][1]];
      const length = Math.hypot(run[0], run[1]);
      const d = length > 2 ? [run[0] / length, run[1] / length, 0] : u0;
      const parts = [];
      for (const i of frames) {
        const [pts, centre, u] = lines[i];
        const part = { prop: contact.prop || "", shapes: [slab(data, centre, u, padEnds(pts, centre, u, contact), awayOf(i))] };
        perFrame[i].push(part);
        parts.push(part);
      }
      fixed.push(rail(contact, parts, d, bodies[first].points.lumbar));
    }
    return { perFrame: perFrame, fixed: fixed };
  }

  // Where each prop that stays put goes, from where the body first meets it: place_props().
  function placeProps(data, pose, props, bodies, contactsAt, wall, k) {
    const pts = bodies[0].points;
    const met = {};
    bodies.forEach(function (body, i) {
      for (const c of contactsAt(i)) if (!(c.id in met)) met[c.id] = [c, body];
    });
    function touching(prop) {
      const out = [];
      for (const [c, body] of Object.values(met)) {
        if (c.prop !== prop || !isLevel(data, c)) continue;
        for (const p of c.points) if (p in body.points && !out.some(function ([q]) { return q === p; })) out.push([p, body.points[p]]);
      }
      return out;
    }
    const xs = Object.values(pts).map(function (p) { return p[0]; });
    const placed = [];
    for (const use of props) {
      if (["step", "chair", "leg-press", "hack-squat"].includes(use.prop)) {
        const top = Number(use.params.height_cm || 0);
        const on = touching(use.prop);
        const seat = use.prop === "chair" || use.prop === "leg-press";
        let x0, x1, zc;
        if (on.length) {
          const onX = on.map(function ([, p]) { return p[0]; });
          const behind = mean(onX, Number) < pts.pelvis[0] - 10;
          const toesOnly = on.every(function ([name]) { return name.endsWith("_toe"); });
          const front = Math.max.apply(null, onX), back = Math.min.apply(null, onX);
          const depth = seat ? 42 : 34;
          if (behind || (toesOnly && !seat)) [x0, x1] = behind ? [front - depth, front + 3] : [front - 3, front - 3 + depth];
          else {
            x0 = back - 5;
            x1 = Math.max(front + 5, x0 + depth);
          }
          zc = mean(on, function ([, p]) { return p[2]; });
        } else {
          x0 = Math.max.apply(null, xs) + 10;
          x1 = x0 + 34;
          zc = 0;
        }
        const backrest = Object.values(met).filter(function ([c]) { return c.prop === use.prop && isLevel(data, c) && c.above_cm > 0; })
          .map(function ([c]) { return c.above_cm; });
        let strokes = [];
        if (backrest.length && on.length) {  // a chair's back where the hands rest on it
          const bx = Math.min(Math.max(mean(on, function ([, p]) { return p[0]; }), x0 + 2), x1 - 2);
          strokes = [[[bx, top, zc - 12], [bx, top + Math.max.apply(null, backrest), zc - 12]]];
        }
        placed.push({ prop: use.prop, box: [x0, x1, top, zc - 12, zc + 12], legs: seat, strokes: strokes });
      } else if (use.prop === "wall") {
        const x = wall[0] !== null ? wall[0] : Math.min.apply(null, Object.values(pts).map(function (p) { return p[k]; })) - 8;
        placed.push({ prop: "wall", wallX: x, wallAxis: k });
      } else if (use.prop === "foam-roller") {
        const on = touching("foam-roller");
        const r = Number(use.params.diameter_cm || 0) / 2;
        const x = on.length ? on[0][1][0] : pts.pelvis[0];
        placed.push({ prop: use.prop, circle: [x, r, r] });
      } else if (use.prop === "mat") {
        placed.push({ prop: "mat", box: [Math.min.apply(null, xs) - 12, Math.max.apply(null, xs) + 12, 1, -40, 40] });
      }
    }
    return placed;
  }

  /* Bands and straps: bands() (the drawing only). */

  function bandAnchor(data, params, pts) {
    if (params.tied_to === "foot") return null;
    const [x, y, z] = pts[params.around || "right_ankle"] || pts.right_ankle;
    const reach = data.scene.band_reach_cm;
    const way = params.anchor || "front";
    if (way === "side") return [x, y, z + (z >= pts.pelvis[2] ? 1 : -1) * reach];
    return [x + (way === "front" ? reach : -reach), y, z];
  }

  function bandLine(use, pts, anchor) {
    if (use.prop === "mini-band") {
      const where = { knees: "knee", ankles: "ankle", thighs: "knee" }[use.params.around] || "knee";
      return [pts["left_" + where], pts["right_" + where]];
    }
    if (use.prop === "strap") return [pts.right_wrist, pts.right_toe];
    const start = pts[use.params.around || "right_ankle"] || pts.right_ankle;
    return [start, anchor || pts.right_toe];
  }

  function bands(data, props, bodies) {
    const posts = [];
    const lines = bodies.map(function () { return []; });
    for (const use of props) {
      if (!["band", "mini-band", "strap"].includes(use.prop)) continue;
      const anchor = use.prop === "band" ? bandAnchor(data, use.params, bodies[0].points) : null;
      if (anchor) posts.push({ prop: use.prop, strokes: [[[anchor[0], 0, anchor[2]], add(anchor, [0, 10, 0])]] });
      bodies.forEach(function (body, i) { lines[i].push({ prop: use.prop, line: bandLine(use, body.points, anchor) }); });
    }
    return { posts: posts, lines: lines };
  }

  /* -- Drawing: projection as build_tools/site/figures/shapes.py, simpler shapes ------------- */

  // A room point as [screen x, screen y downward, depth toward the reader]: project().
  function project(data, view, p) {
    const [x, y, z] = p;
    if (view === "front") return [-z, -y, x];
    if (view === "above") return [x, z, y];
    if (view === "three-quarter") {
      const [c, s] = cs(data.three_quarter_degrees);
      return [x * c - z * s, -y, x * s + z * c];
    }
    return [x, -y, z];
  }

  function fmt(v) { return String(Math.round(v * 10) / 10); }

  function capsule(a, b, ra, rb) {
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const length = Math.hypot(dx, dy);
    if (length <= Math.abs(ra - rb) + 0.05) {
      const r = Math.max(ra, rb);
      const c = ra >= rb ? a : b;
      return "M" + fmt(c[0] - r) + " " + fmt(c[1]) + "a" + fmt(r) + " " + fmt(r) + " 0 1 0 " + fmt(2 * r) + " 0a" +
        fmt(r) + " " + fmt(r) + " 0 1 0 " + fmt(-2 * r) + " 0z";
    }
    const ux = dx / length, uy = dy / length, nx = -uy, ny = ux;
    const sinA = (ra - rb) / length;
    const cosA = Math.sqrt(Math.max(0, 1 - sinA * sinA));
    const plus = [ux * sinA + nx * cosA, uy * sinA + ny * cosA];
    const minus = [ux * sinA - nx * cosA, uy * sinA - ny * cosA];
    const pt = function (p) { return fmt(p[0]) + " " + fmt(p[1]); };
    const a1 = [a[0] + ra * plus[0], a[1] + ra * plus[1]];
    const b1 = [b[0] + rb * plus[0], b[1] + rb * plus[1]];
    const b2 = [b[0] + rb * minus[0], b[1] + rb * minus[1]];
    const a2 = [a[0] + ra * minus[0], a[1] + ra * minus[1]];
    return "M" + pt(a1) + "L" + pt(b1) + "A" + fmt(rb) + " " + fmt(rb) + " 0 0 0 " + pt(b2) + "L" + pt(a2) +
      "A" + fmt(ra) + " " + fmt(ra) + " 0 1 0 " + pt(a1) + "z";
  }

  // The convex hull of screen points (Andrew's monotone chain), with rounded corners (quadratic curves
  // through the middle of each edge) as hull() and smooth_closed() draw a body part, or straight for a prop.
  function hullPath(points, straight) {
    const pts = points.slice().sort(function (p, q) { return p[0] - q[0] || p[1] - q[1]; });
    if (pts.length < 3) return "";
    const turn = function (o, a, b) { return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]); };
    const half = function (list) {
      const out = [];
      for (const p of list) {
        while (out.length >= 2 && turn(out[out.length - 2], out[out.length - 1], p) <= 0) out.pop();
        out.push(p);
      }
      return out.slice(0, -1);
    };
    const hull = half(pts).concat(half(pts.slice().reverse()));
    const pt = function (p) { return fmt(p[0]) + " " + fmt(p[1]); };
    if (straight) return "M" + hull.map(pt).join("L") + "z";
    const mids = hull.map(function (p, i) {
      const q = hull[(i + 1) % hull.length];
      return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
    });
    return "M" + pt(mids[mids.length - 1]) + hull.map(function (corner, i) { return "Q" + pt(corner) + " " + pt(mids[i]); }).join("") + "z";
  }

  // One body as chains (each leg and arm, the torso with neck and head), back to front: Drawer.chains.
  function chains(data, rig, view, body, seen) {
    const at = function (p) { const s = project(data, view, p); seen.push(s); return s; };
    const depth = function (p) { return project(data, view, p)[2]; };
    const h = rig.height;
    const pts = body.points;
    const centre = depth(pts.pelvis);
    const out = [];
    const limb = function (a, b, kind) { return capsule(at(pts[a]), at(pts[b]), rig.radii[kind][0], rig.radii[kind][1]); };
    for (const [side] of SIDES) {
      const leg = [side + "_hip", side + "_knee", side + "_ankle"];
      const arm = [side + "_shoulder", side + "_elbow", side + "_wrist"];
      for (const [kind, joints] of [["leg", leg], ["arm", arm]]) {
        const d = joints.reduce(function (s, j) { return s + depth(pts[j]); }, 0) / 3;
        const chain = { depth: d, fill: d < centre - 4 ? "f" : "n", paths: [] };
        if (kind === "leg") {
          const frame = body.frames[side + "_foot"], origin = body.origins[side + "_foot"];
          const half = rig.lengths.foot_breadth / 2;
          const foot = [];
          for (const [x, y] of data.drawing.foot) {
            for (const z of [-half, half * 0.6]) foot.push(at(add(origin, apply(frame, [x * h, y * h, z]))));
          }
          chain.paths.push(limb(leg[0], leg[1], "thigh"), limb(leg[1], leg[2], "shank"), hullPath(foot));
        } else {
          const r = rig.radii.forearm[1];
          chain.paths.push(limb(arm[0], arm[1], "upper_arm"), limb(arm[1], arm[2], "forearm"),
            capsule(at(pts[arm[2]]), at(pts[side + "_hand"]), r, r * 0.8));
        }
        out.push(chain);
      }
    }
    const torso = [];
    for (const [segment, height, halfW, halfD, shift] of rig.torso) {
      for (let k = 0; k < 16; k++) {
        const t = 2 * Math.PI * k / 16;
        torso.push(at(add(body.origins[segment], apply(body.frames[segment], [shift + halfD * Math.cos(t), height, halfW * Math.sin(t)]))));
      }
    }
    const [halfW, halfH] = rig.radii.head;
    const head = [];
    for (const lat of [-1.2, -0.6, 0, 0.6, 1.2]) {
      for (let k = 0; k < 12; k++) {
        const lon = 2 * Math.PI * k / 12;
        const local = [halfW * 1.05 * Math.cos(lat) * Math.cos(lon), halfH * Math.sin(lat), halfW * Math.cos(lat) * Math.sin(lon)];
        head.push(at(add(pts.head, apply(body.frames.head, local))));
      }
    }
    for (const f of data.drawing.face) head.push(at(add(pts.head, apply(body.frames.head, scale(f, h)))));
    out.push({
      depth: centre - 3,
      fill: "n",
      paths: [hullPath(torso), capsule(at(pts.neck), at(pts.head), rig.radii.neck[0], rig.radii.neck[1]), hullPath(head)],
    });
    return out.sort(function (a, b) { return a.depth - b.depth; });
  }

  // The props as simple outlines: a box (a seat on legs, or a block), a mat, a wall, a roller or ball, a
  // band, a machine's pads and plates (closed) and its rail and legs or a chair's back (open strokes).
  function propShapes(data, view, placed, top) {
    const out = [];
    const p2 = function (p) { return project(data, view, p).slice(0, 2); };
    const pt = function (p) { const s = p2(p); return fmt(s[0]) + " " + fmt(s[1]); };
    for (const prop of placed) {
      if (prop.box && prop.prop === "mat") {
        if (view !== "above") {
          const a = p2([prop.box[0], 0, 0]), b = p2([prop.box[1], 0, 0]);
          out.push(["pr", "M" + fmt(Math.min(a[0], b[0])) + " -1.5H" + fmt(Math.max(a[0], b[0])) + "V0H" + fmt(Math.min(a[0], b[0])) + "z"]);
        }
      } else if (prop.box) {
        const [x0, x1, height, z0, z1] = prop.box;
        const low = prop.legs ? height - 4 : 0;
        const corners = [];
        for (const x of [x0, x1]) for (const y of [low, height]) for (const z of [z0, z1]) corners.push(p2([x, y, z]));
        out.push(["pr", hullPath(corners, true)]);
        if (prop.legs) {
          out.push(["ln", [x0 + 3, x1 - 3].map(function (x) { return "M" + pt([x, height - 4, z0]) + "L" + pt([x, 0, z0]); }).join("")]);
        }
      } else if (prop.wallX !== undefined) {
        const x = p2(prop.wallAxis === 2 ? [0, 0, prop.wallX] : [prop.wallX, 0, 0])[0];
        out.push(["ln", "M" + fmt(x) + " 0V" + fmt(-top)]);
      } else if (prop.circle) {
        const [cx, cy, r] = prop.circle;
        const [sx, sy] = p2([cx, cy, 0]);
        out.push(["pr", "M" + fmt(sx - r) + " " + fmt(sy) + "a" + fmt(r) + " " + fmt(r) + " 0 1 0 " + fmt(2 * r) + " 0a" + fmt(r) + " " + fmt(r) + " 0 1 0 " + fmt(-2 * r) + " 0z"]);
      } else if (prop.line) {
        out.push(["bd", "M" + pt(prop.line[0]) + "L" + pt(prop.line[1])]);
      }
      for (const shape of prop.shapes || []) out.push(["pr", "M" + shape.map(pt).join("L") + "z"]);
      for (const stroke of prop.strokes || []) out.push(["ln", "M" + stroke.map(pt).join("L")]);
    }
    return out;
  }

  /* -- The pose block as YAML ------------------------------------------------------------------ */

  function num(v) { return String(Math.round(v * 10) / 10); }
  function flowMap(entries) { return "{" + entries.map(function ([k, v]) { return k + ": " + v; }).join(", ") + "}"; }

  // The pose block: each keyframe names only the angles that differ from the keyframe before (the
  // start: from standing), a joint bent the same on both sides under `both:`.
  function yamlOf(data, state) {
    const lines = ["pose:", "  view: " + state.view, "  position: " + state.position];
    const names = data.keyframes.filter(function (k) { return state.frames[k]; });
    const startTilt = state.frames[names[0]].angles.tilt || 0;
    if (startTilt) lines.push("  tilt: " + num(startTilt));
    if (state.props.length) {
      lines.push("  props:");
      for (const use of state.props) lines.push("  - " + flowMap(Object.entries(use).map(function ([k, v]) { return [k, typeof v === "number" ? num(v) : v]; })));
    }
    if (state.contacts.length) lines.push("  contacts: [" + state.contacts.join(", ") + "]");
    if (state.moving) lines.push("  moving: " + state.moving);
    lines.push("  keyframes:");
    let before = { tilt: startTilt };
    for (const name of names) {
      const frame = state.frames[name];
      const now = frame.angles;
      const changed = function (key) { return Math.abs((now[key] || 0) - (before[key] || 0)) > 1e-9; };
      const both = [], left = [], right = [];
      for (const joint of data.joints) {
        if (!joint.sided) {
          if (changed(joint.id)) both.push([joint.id, num(now[joint.id] || 0)]);
          continue;
        }
        const l = "left_" + joint.id, r = "right_" + joint.id;
        if (changed(l) && changed(r) && (now[l] || 0) === (now[r] || 0)) both.push([joint.id, num(now[l] || 0)]);
        else {
          if (changed(l)) left.push([joint.id, num(now[l] || 0)]);
          if (changed(r)) right.push([joint.id, num(now[r] || 0)]);
        }
      }
      const body = [];
      if (both.length) body.push("both: " + flowMap(both));
      if (left.length) body.push("left: " + flowMap(left));
      if (right.length) body.push("right: " + flowMap(right));
      if (frame.contacts.length) body.push("contacts: [" + frame.contacts.join(", ") + "]");
      if (name !== names[0] && changed("tilt")) body.push("tilt: " + num(now.tilt || 0));
      if (now.lift) body.push("airborne_cm: " + num(now.lift));  // in the air in this keyframe only
      if (changed("forward")) body.push("forward_cm: " + num(now.forward || 0));  // kept by later keyframes
      if (body.length) lines.push("    " + name + ":", ...body.map(function (b) { return "      " + b; }));
      else lines.push("    " + name + ": {}");
      before = now;
    }
    return lines.join("\n") + "\n";
  }

  // The editor's state as a pose block (what the YAML says), for placing and drawing.
  function poseOf(data, state) {
    return {
      view: state.view,
      position: state.position,
      props: state.props,
      contacts: state.contacts,
      keyframes: Object.fromEntries(data.keyframes.filter(function (k) { return state.frames[k]; }).map(function (k) {
        const full = state.frames[k].angles;
        const block = { left: {}, right: {}, both: {}, contacts: state.frames[k].contacts, tilt: full.tilt || 0,
          forward_cm: full.forward || 0, airborne_cm: full.lift || 0 };
        for (const joint of data.joints) {
          if (joint.sided) {
            block.left[joint.id] = full["left_" + joint.id] || 0;
            block.right[joint.id] = full["right_" + joint.id] || 0;
          } else block.both[joint.id] = full[joint.id] || 0;
        }
        return [k, block];
      })),
    };
  }

  /* -- The page ------------------------------------------------------------------------------- */

  function start(data) {
    data.jointsById = Object.fromEntries(data.joints.map(function (j) { return [j.id, j]; }));
    const rig = makeRig(data);
    const api = {
      data: data,
      solve: function (pose) {
        return posed(rig, pose.position, pose.angles || {}, Number(pose.tilt || 0)).points;
      },
      keyframes: function (pose) { return keyframesOf(data, pose); },
      place: function (pose) {
        const scene = placeAll(data, rig, pose);
        return scene.keyframes.map(function (k, i) { return { name: k.name, points: scene.keyBodies[i].points }; });
      },
      project: function (view, p) { return project(data, view, p); },
    };
    Object.assign(window.atlasPoseEditor, api);

    const $ = function (s) { return root.querySelector(s); };
    const svg = $("[data-pe-svg]");
    svg.style.setProperty("--pe-line", data.drawing.line + "px");  // the site's figures' line, in cm
    const sliders = Array.from(root.querySelectorAll("[data-pe-angle]"));
    const text = $("[data-pe-yaml]");
    const status = $("[data-pe-status]");
    const state = { view: "side", position: "standing", props: [], contacts: [], moving: null, frames: {}, current: "start" };
    let box = null;
    let focusAngle = null;
    window.atlasPoseEditor.current = function () { return poseOf(data, state); };  // what the YAML says

    function load(value) {
      const [kind, id] = value.split(":");
      const pose = kind === "exercise"
        ? data.exercises.find(function (e) { return e.id === id; }).pose
        : data.positions.find(function (p) { return p.id === id; }).pose;
      state.view = pose.view;
      state.position = pose.position;
      state.props = (pose.props || []).map(function (p) { return Object.assign({}, p); });
      state.contacts = (pose.contacts || []).slice();
      state.moving = pose.moving || null;
      state.frames = {};
      for (const k of keyframesOf(data, pose)) state.frames[k.name] = { angles: k.angles, contacts: k.contacts };
      $("[data-pe-view]").value = state.view;
      for (const check of root.querySelectorAll("[data-pe-optional]")) check.checked = Boolean(state.frames[check.value]);
      choose("start");
      box = null;
      update();
    }

    function choose(name) {
      state.current = name;
      for (const radio of root.querySelectorAll("[data-pe-keyframe]")) {
        radio.checked = radio.value === name;
        radio.disabled = !state.frames[radio.value];
      }
      showSliders();
    }

    function degrees(v) { return num(v) + "°"; }

    function showSliders() {
      const angles = state.frames[state.current].angles;
      for (const input of sliders) {
        const v = angles[input.dataset.peAngle] || 0;
        input.value = String(v);
        input.setAttribute("aria-valuetext", num(v) + " degrees");
        root.querySelector('[data-pe-value="' + input.dataset.peAngle + '"]').textContent = degrees(v);
      }
    }

    function neighbour() {
      const names = data.keyframes.filter(function (k) { return state.frames[k]; });
      const i = names.indexOf(state.current);
      return i > 0 ? names[i - 1] : names[1];
    }

    function jointPoint(angle) {
      if (angle === "tilt") return "pelvis";
      const parts = angle.split("_");
      const side = parts[0] === "left" || parts[0] === "right" ? parts.shift() + "_" : "";
      return { trunk: "lumbar" }[parts[0]] || side + parts[0];
    }

    function draw() {
      const pose = poseOf(data, state);
      const scene = placeAll(data, rig, pose);
      const names = scene.keyframes.map(function (k) { return k.name; });
      const seen = [];
      const current = chains(data, rig, state.view, scene.keyBodies[names.indexOf(state.current)], seen);
      const ghost = chains(data, rig, state.view, scene.keyBodies[names.indexOf(neighbour())], seen);
      for (const b of scene.keyBodies) for (const p of Object.values(b.points)) seen.push(project(data, state.view, p));
      const xs = seen.map(function (p) { return p[0]; }), ys = seen.map(function (p) { return p[1]; });
      const top = Math.max(-Math.min.apply(null, ys), 40) + 6;
      const now = [Math.min.apply(null, xs) - 10, -top, Math.max.apply(null, xs) + 10, Math.max(Math.max.apply(null, ys), 0) + 4];
      // The picture only grows while you pose, so the figure does not jump about as a slider moves.
      box = box ? [Math.min(box[0], now[0]), Math.min(box[1], now[1]), Math.max(box[2], now[2]), Math.max(box[3], now[3])] : now;
      svg.setAttribute("viewBox", [box[0], box[1], box[2] - box[0], box[3] - box[1]].map(fmt).join(" "));
      const propsG = $("[data-pe-props]");
      const shapes = state.view === "above" ? [] : [["ln", "M" + fmt(box[0]) + " 0H" + fmt(box[2])]];
      const moving = scene.keyMoving[names.indexOf(state.current)];  // a ball, a sliding plate, a band
      propsG.replaceChildren(...shapes.concat(propShapes(data, state.view, scene.placed.concat(moving), -box[1])).map(function ([cls, d]) { return path(cls, d); }));
      paint($("[data-pe-ghost]"), ghost);
      paint($("[data-pe-body-drawing]"), current);
      const ring = $("[data-pe-ring]");
      const point = focusAngle && scene.keyBodies[names.indexOf(state.current)].points[jointPoint(focusAngle)];
      ring.setAttribute("display", point ? "inline" : "none");
      if (point) {
        const [x, y] = project(data, state.view, point);
        ring.setAttribute("cx", fmt(x));
        ring.setAttribute("cy", fmt(y));
      }
      const position = data.positions.find(function (p) { return p.id === state.position; }).name.toLowerCase();
      const view = data.views.find(function (v) { return v.id === state.view; }).name;
      $("[data-pe-title]").textContent = "The figure, " + position + ", " + view + ", at the " + state.current +
        " keyframe, with the " + neighbour() + " keyframe faint behind it.";
      $("[data-pe-caption]").textContent = "Solid: the " + state.current + " keyframe. Faint: the " + neighbour() +
        ". The ring marks the joint you are moving.";
    }

    function path(cls, d) {
      const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
      p.setAttribute("class", cls);
      p.setAttribute("d", d);
      return p;
    }

    function paint(group, list) {
      const nodes = [];
      for (const chain of list) {
        for (const d of chain.paths) nodes.push(path("o", d));
        for (const d of chain.paths) nodes.push(path(chain.fill + " u", d));
      }
      group.replaceChildren(...nodes);
    }

    function update() {
      draw();
      text.value = yamlOf(data, state);
      text.rows = Math.max(8, text.value.split("\n").length);  // the whole block in view, no scrolling
    }

    $("[data-pe-start]").addEventListener("change", function (event) { load(event.target.value); });
    $("[data-pe-view]").addEventListener("change", function (event) {
      state.view = event.target.value;
      box = null;
      update();
    });
    for (const radio of root.querySelectorAll("[data-pe-keyframe]")) {
      radio.addEventListener("change", function () { choose(radio.value); update(); });
    }
    for (const check of root.querySelectorAll("[data-pe-optional]")) {
      check.addEventListener("change", function () {
        const name = check.value;
        if (check.checked) {
          // A new middle keyframe starts halfway between its neighbours.
          const names = data.keyframes.filter(function (k) { return k === name || state.frames[k]; });
          const i = names.indexOf(name);
          const a = state.frames[names[i - 1]].angles, b = state.frames[names[i + 1]].angles;
          const angles = {};
          for (const k of new Set(Object.keys(a).concat(Object.keys(b)))) angles[k] = Math.round(((a[k] || 0) + (b[k] || 0)) / 2);
          state.frames[name] = { angles: angles, contacts: [] };
          choose(name);
        } else {
          delete state.frames[name];
          choose(state.current === name ? "start" : state.current);
        }
        update();
      });
    }
    for (const input of sliders) {
      const angle = input.dataset.peAngle;
      input.addEventListener("input", function () {
        state.frames[state.current].angles[angle] = Number(input.value);
        input.setAttribute("aria-valuetext", input.value + " degrees");
        root.querySelector('[data-pe-value="' + angle + '"]').textContent = degrees(Number(input.value));
        focusAngle = angle;
        update();
      });
      input.addEventListener("focus", function () { focusAngle = angle; draw(); });
    }
    $("[data-pe-copy]").addEventListener("click", function () {
      const done = function () { status.textContent = "Copied. Paste it over the pose: block of your record."; };
      const fallback = function () {
        text.select();
        status.textContent = document.execCommand("copy") ? "Copied. Paste it over the pose: block of your record."
          : "Your browser would not copy it: the text is selected, copy it with your keyboard.";
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text.value).then(done, fallback);
      else fallback();
    });

    load($("[data-pe-start]").value);
    $("[data-pe-loading]").hidden = true;
    $("[data-pe-body]").hidden = false;
    root.dataset.peReady = "true";
    signal(window.atlasPoseEditor);
  }

  fetch(root.dataset.source)
    .then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      return response.json();
    })
    .then(start)
    .catch(function (error) {
      root.querySelector("[data-pe-loading]").textContent = "The figure could not be loaded (" + error.message + "). Reload the page to try again.";
    });
})();
