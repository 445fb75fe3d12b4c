/** Writes a large suite definition: `tasks` tasks in families of 100, each with a label, an event, a meter, a variable and a trigger. */
export function generateDefs(tasks: number): string {
  const out: string[] = ['suite big', "  edit ECF_HOME '/tmp/ecflow-bench'", '  limit lim 10'];
  for (let i = 0; i < tasks; i++) {
    if (i % 100 === 0) {
      if (i > 0) out.push('  endfamily');
      out.push(`  family f${i / 100}`, '    inlimit /big:lim');
    }
    out.push(`    task t${i}`);
    if (i % 100 !== 0) out.push(`      trigger t${i - 1} == complete and t${i - 1}:ev`);
    out.push(`      label info "task ${i} label"`, '      event ev', '      meter prog 0 100 90', `      edit V${i % 7} 'value ${i}'`);
  }
  out.push('  endfamily', 'endsuite');
  return out.join('\n') + '\n';
}
