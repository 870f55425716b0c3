import re,sys,glob,statistics as st
d=sys.argv[1]
def rows(f):
    out={}
    for l in open(f):
        if l.startswith('| ') and not l.startswith('| ---') and not l.startswith('| what') and not l.startswith('| cases') and not l.startswith('| from'):
            c=[x.strip() for x in l.strip().strip('|').split('|')]
            out[c[0]]=c[1:]
    return out
def get(bench,tree,key,col):
    vals=[]
    for f in sorted(glob.glob(f'{d}/{bench}-{tree}-*.md')):
        r=rows(f)
        for k,v in r.items():
            if k.startswith(key):
                try: vals.append(float(v[col].split()[0].replace(',','')))
                except: pass
    return vals
def line(label,bench,key,col,fmt='{:.0f}'):
    b=get(bench,'base',key,col); m=get(bench,'main',key,col)
    if not b or not m: print(f'| {label} | ? | ? | |'); return
    bm=st.median(b); mm=st.median(m)
    print(f"| {label} | {fmt.format(bm)} ({', '.join(fmt.format(x) for x in b)}) | {fmt.format(mm)} ({', '.join(fmt.format(x) for x in m)}) | {mm/bm:.2f} |")
print('| figure | before: median (runs) | after: median (runs) | after / before |')
print('| --- | --- | --- | --- |')
line('webhook ingestion, events/s stored','webhooks','POST /webhooks/line',0)
line('webhook ingestion, x baseline (plain Koa)','webhooks','POST /webhooks/line',3,'{:.3f}')
line('webhook ingestion, ack p99 ms','webhooks','POST /webhooks/line',2)
line('case lifecycle, transitions/s','lifecycle','POST /api/v1/cases',0)
line('case lifecycle, x baseline (GET /healthz)','lifecycle','POST /api/v1/cases',4,'{:.3f}')
line('case lifecycle, p50 ms','lifecycle','POST /api/v1/cases',1,'{:.1f}')
line('staff taps, all taps p50 ms','taps','all taps',1)
line('staff taps, all taps p95 ms','taps','all taps',2)
line('staff taps, p50 x baseline (FAQ answer)','taps','all taps',5,'{:.2f}')
line('booking intake, durable floor req/s','intake','durable floor',0)
line('booking intake, unique keys, api alone, x floor','intake','POST /public/v1/bookings, unique keys: api process of its own',2,'{:.2f}')
line('booking intake, 10 % repeated keys, api alone, x floor','intake','POST /public/v1/bookings, 10 % repeated keys: api process of its own',2,'{:.2f}')
line('booking intake, unique keys, npm start, x floor','intake','POST /public/v1/bookings, unique keys: npm start',2,'{:.2f}')
