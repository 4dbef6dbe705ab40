import gc
import sys

from graph.cli import main

code = main()
# Whatever the build left for the collector (cycles among its structures, freed once nothing
# refers to them) would be walked and freed by the collection Python runs on its way out: most
# of a second after a build of 10,000 pages, for memory the system takes back at exit anyway.
gc.freeze()
sys.exit(code)
